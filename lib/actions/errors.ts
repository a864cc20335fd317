// The one error mapper for dashboard server actions and dashboard APIs: what a person may read.
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AccountError } from "../accounts/create";
import { KeyLimitError } from "../keys/store";
import { log } from "../log";

/** An error whose message is meant for the person using the app; `field` names the input at fault. */
export class UserError extends Error {
  constructor(message: string, public readonly field?: string, public readonly status = 400) {
    super(message);
  }
}

export type MappedError = { message: string; fieldErrors?: Record<string, string>; status: number };

/** Turn any thrown value into a message for the page (and log what is ours to fix). */
export function mapError(err: unknown): MappedError {
  if (err instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of err.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { message: "Please correct the highlighted fields.", fieldErrors, status: 400 };
  }
  if (err instanceof UserError) {
    return { message: err.message, fieldErrors: err.field ? { [err.field]: err.message } : undefined, status: err.status };
  }
  if (err instanceof KeyLimitError) return { message: err.message, status: 403 };
  if (err instanceof AccountError) return { message: err.message, status: 400 };
  const ref = randomUUID().slice(0, 8);
  log.error(`[dashboard] unexpected error ref=${ref}: ${err instanceof Error ? err.message : "non-error thrown"}`);
  return { message: `Something went wrong on our side (reference ${ref}). Please try again.`, status: 500 };
}
