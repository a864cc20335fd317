// The web-standard side of the operations endpoints, for the route handlers under app/.
import type { OpsResponse } from "./endpoints";

/** An OpsResponse as a web Response. */
export function toWebResponse(response: OpsResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}
