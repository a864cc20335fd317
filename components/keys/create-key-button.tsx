"use client";
// "Create key": a dialog asking for a name and, optionally, the key's limits and permissions,
// then the new secret, shown once.
import { Plus } from "lucide-react";
import { useState } from "react";
import { createKeyAction } from "@/app/(dashboard)/dashboard/keys/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogActions } from "../ui/dialog";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";
import { KeyControlsFields } from "./key-controls-fields";
import { SecretReveal } from "./secret-reveal";

const CONTROL_FIELDS = ["spendLimit", "spendPeriod", "expiresOn", "models", "allowedIps"];

/** The create button and its dialog; `models` are the catalog's, for the key's model list. */
export function CreateKeyButton({ models }: { models: { id: string; provider: string }[] }) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, reset } = useFormAction(createKeyAction);
  const close = () => {
    setOpen(false);
    reset();
  };
  const created = state.status === "ok" ? state.data : null;
  const controlsInvalid = CONTROL_FIELDS.some((f) => fieldError(state, f));
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden /> Create key
      </Button>
      <Dialog open={open} onClose={close} wide={!created} title={created ? "Your new API key" : "Create an API key"} description={created ? <>Key <strong>{created.name}</strong> is ready.</> : "Give the key a name so you can tell your applications apart."}>
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
            <details className="group mt-5 rounded-lg border border-zinc-200" open={controlsInvalid || undefined}>
              <summary className="cursor-pointer select-none rounded-lg px-4 py-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50">
                Limits and permissions <span className="font-normal text-zinc-500">(optional: spend limit, expiry, models, addresses)</span>
              </summary>
              <div className="border-t border-zinc-200 px-4 py-4">
                <KeyControlsFields idPrefix="new-key" models={models} error={(f) => fieldError(state, f)} />
              </div>
            </details>
            <DialogActions onCancel={close}>
              <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create key"}</Button>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
