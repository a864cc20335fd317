// Who did an operator action: a signed-in operator, or the CLI run by an OS user.
import { userInfo } from "node:os";

export type Actor = { id: string | null; label: string };

/** The CLI as an actor: `cli:<os user>`, with no account id. */
export function cliActor(): Actor {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return { id: null, label: `cli:${name}` };
}
