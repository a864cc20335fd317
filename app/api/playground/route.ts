// POST /api/playground – stream a chat completion for the signed-in user through the /v1 pipeline.
import { withSession } from "@/lib/api/with-session";
import { responseWaitUntil } from "@/lib/api/wait-until";
import { UserError } from "@/lib/actions/errors";
import { playgroundCompletion, playgroundSchema } from "@/lib/playground/request";

// Parse the chat, forward it as the user's playground key, stream the answer back.
export const POST = withSession(async (request, user) => {
  const waitUntil = responseWaitUntil();
  const body: unknown = await request.json().catch(() => {
    throw new UserError("The request body must be JSON.");
  });
  const input = playgroundSchema.parse(body);
  return playgroundCompletion(user.id, input, request.url, { signal: request.signal, waitUntil });
});
