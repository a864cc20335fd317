"use client";
// The key page's "Limits and permissions" form: saves the controls, which every instance
// applies from the key's next request.
import { setKeyControlsAction } from "@/app/(dashboard)/dashboard/keys/actions";
import type { KeyControlsView } from "@/lib/keys/list";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useFormAction } from "../ui/use-form-action";
import { KeyControlsFields } from "./key-controls-fields";

/** Edit one key's spend limit, expiry, models and addresses. */
export function KeyControlsForm({ keyId, controls, models }: { keyId: string; controls: KeyControlsView; models: { id: string; provider: string }[] }) {
  const { state, busy, pending, onSubmit } = useFormAction(setKeyControlsAction);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Limits and permissions">
      <input type="hidden" name="id" value={keyId} />
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error" className="mb-4">{state.message}</Alert> : null}
      <KeyControlsFields idPrefix="key" models={models} initial={controls} error={(f) => fieldError(state, f)} />
      <div className="mt-6 flex flex-col items-stretch gap-3 sm:flex-row sm:items-center">
        <Button type="submit" disabled={busy}>{pending ? "Saving…" : "Save limits and permissions"}</Button>
        {state.status === "ok" ? <p role="status" className="text-sm text-emerald-700">Saved. The key&apos;s next request uses these settings.</p> : null}
      </div>
    </form>
  );
}
