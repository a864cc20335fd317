"use client";
// Close the account: confirm by typing the e-mail, then sign out.
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { deleteAccountAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogActions } from "../ui/dialog";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** The danger-zone button and its confirmation dialog. */
export function DeleteAccount({ email }: { email: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, reset } = useFormAction(deleteAccountAction, async () => {
    await signOut({ redirect: false });
    router.replace("/");
    router.refresh();
  });
  const close = () => {
    setOpen(false);
    reset();
  };
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>Delete account</Button>
      <Dialog
        open={open}
        onClose={close}
        title="Delete your account?"
        description="All API keys are revoked at once and you can no longer sign in. Your remaining balance is forfeited. Billing records are kept as the law requires."
      >
        <form onSubmit={onSubmit} noValidate>
          {state.status === "error" && !state.fieldErrors ? <Alert tone="error" className="mb-4">{state.message}</Alert> : null}
          <Field id="confirm-email" name="confirm" label={<>Type <strong>{email}</strong> to confirm</>} autoComplete="off" error={fieldError(state, "confirm")} />
          <DialogActions onCancel={close}>
            <Button type="submit" variant="danger" disabled={pending || state.status === "ok"}>{pending || state.status === "ok" ? "Deleting…" : "Delete account"}</Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
