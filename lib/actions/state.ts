// What a server action returns to its form (safe to import from client components).

export type ActionState<T = null> =
  | { status: "idle" }
  | { status: "ok"; data: T; message?: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string> };

export const idle = { status: "idle" } as const;

/** The error for one field, if the last run reported one. */
export function fieldError<T>(state: ActionState<T>, field: string): string | undefined {
  return state.status === "error" ? state.fieldErrors?.[field] : undefined;
}
