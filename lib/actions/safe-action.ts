// The one way to write a server action: parse the form with zod, check the session,
// run, and map every error to a state the form can show.
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireUser, type CurrentUser } from "../auth/session";
import { mapError } from "./errors";
import type { ActionState } from "./state";

type Handler<S extends z.ZodType, T> = (input: z.infer<S>) => Promise<T>;

function formObject(form: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries(form.entries());
}

/** Run an action's work and map any error to the state its form shows. */
export async function run<T>(work: () => Promise<T>): Promise<ActionState<T>> {
  try {
    return { status: "ok", data: await work() };
  } catch (err) {
    unstable_rethrow(err);
    const { message, fieldErrors } = mapError(err);
    return { status: "error", message, fieldErrors };
  }
}

/** A server action open to anyone (sign-up, password reset). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: Handler<S, T>) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> =>
    run(async () => handler(schema.parse(formObject(form))));
}

/** A server action for the signed-in user (redirects to /login otherwise). */
export function userAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, user: CurrentUser) => Promise<T>) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    const user = await requireUser();
    return run(async () => handler(schema.parse(formObject(form)), user));
  };
}
