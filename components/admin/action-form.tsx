"use client";
// A console form: its fields come from the page, it runs one operator action, shows the
// outcome and refreshes the page's data.
import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useFormAction } from "../ui/use-form-action";

type Action = (prev: ActionState<string>, form: FormData) => Promise<ActionState<string>>;

/** `children` are the inputs; the action returns the line to show on success. */
export function ActionForm({ action, submit, children, variant = "primary", label }: {
  action: Action;
  submit: string;
  children?: ReactNode;
  variant?: "primary" | "secondary" | "danger";
  label: string;
}) {
  const router = useRouter();
  const { state, pending, busy, onSubmit } = useFormAction(action, () => router.refresh());
  const problems = state.status === "error" ? [state.message, ...Object.values(state.fieldErrors ?? {})] : [];
  return (
    <form method="post" onSubmit={onSubmit} aria-label={label} className="space-y-3" noValidate>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={variant} disabled={busy}>{pending ? "Working…" : submit}</Button>
        {state.status === "ok" ? <p role="status" className="text-sm text-emerald-700">{state.data}</p> : null}
      </div>
      {problems.length ? <Alert tone="error">{problems.join(" ")}</Alert> : null}
    </form>
  );
}
