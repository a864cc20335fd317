"use client";
// Display name form.
import { updateNameAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** Name (editable) and e-mail (read-only). */
export function ProfileForm({ name, email }: { name: string; email: string }) {
  const { state, pending, busy, onSubmit } = useFormAction(updateNameAction);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <Field id="profile-name" name="name" label="Name" defaultValue={name} maxLength={100} autoComplete="name" error={fieldError(state, "name")} />
      <Field id="profile-email" label="E-mail" value={email} readOnly disabled hint="Your sign-in address. Change it under E-mail address below." />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>{pending ? "Saving…" : "Save"}</Button>
        {state.status === "ok" ? <p role="status" className="text-sm text-emerald-700">Saved.</p> : null}
        {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
    </form>
  );
}
