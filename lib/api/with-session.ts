// The wrapper for dashboard route handlers: session required, errors through the one mapper.
import { getCurrentUser, type CurrentUser } from "../auth/session";
import { mapError } from "../actions/errors";

type Handler = (request: Request, user: CurrentUser) => Promise<Response>;

/** A route handler for the signed-in user; 401 JSON when signed out, mapped JSON errors otherwise. */
export function withSession(handler: Handler): (request: Request) => Promise<Response> {
  return async (request) => {
    const user = await getCurrentUser();
    if (!user) return Response.json({ error: { message: "Sign in to continue." } }, { status: 401 });
    try {
      return await handler(request, user);
    } catch (err) {
      const { message, status } = mapError(err);
      return Response.json({ error: { message } }, { status });
    }
  };
}
