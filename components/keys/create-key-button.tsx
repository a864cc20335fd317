"use client";
// "Create key": a dialog asking for a name, then the new secret, shown once.
import { Plus } from "lucide-react";
import { useState } from "react";
import { createKeyAction } from "@/app/(dashboard)/dashboard/keys/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogActions } from "../ui/dialog";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";
import { SecretReveal } from "./secret-reveal";

/** The create button and its dialog. */
export function CreateKeyButton() {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, reset } = useFormAction(createKeyAction);
  const close = () => {
    setOpen(false);
    reset();
  };
  const created = state.status === "ok" ? state.data : null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden /> Create key
      </Button>
      <Dialog open={open} onClose={close} title={created ? "Your new API key" : "Create an API key"} description={created ? <>Key <strong>{created.name}</strong> is ready.</> : "Give the key a name so you can tell your applications apart."}>
        {created ? (
          <>
            <SecretReveal secret={created.key} />
            <div className="mt-6 flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            {state.status === "error" && !state.fieldErrors ? <Alert tone="error" className="mb-4">{state.message}</Alert> : null}
            <Field id="key-name" name="name" label="Name" placeholder="e.g. Production backend" maxLength={60} error={fieldError(state, "name")} />
            <DialogActions onCancel={close}>
              <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create key"}</Button>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
