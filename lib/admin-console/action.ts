// Server actions of the console: the caller must be an operator (404 otherwise), then the
// form is parsed with zod and errors are mapped like every other action's.
import type { z } from "zod";
import { run } from "../actions/safe-action";
import type { ActionState } from "../actions/state";
import { requireOperator, type Operator } from "./operator";

/** A server action only an operator may run. */
export function operatorAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, operator: Operator) => Promise<T>) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    const operator = await requireOperator();
    return run(async () => handler(schema.parse(Object.fromEntries(form.entries())), operator));
  };
}
