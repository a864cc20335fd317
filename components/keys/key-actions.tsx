"use client";
// Rotate and revoke for one key, each behind a confirmation dialog.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeKeyAction, rotateKeyAction } from "@/app/(dashboard)/dashboard/keys/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogActions } from "../ui/dialog";
import { useFormAction } from "../ui/use-form-action";
import { SecretReveal } from "./secret-reveal";

/** "Rotate" and "Revoke" buttons for a key; `afterRevoke` is where to go once it is gone. */
export function KeyActions({ id, name, afterRevoke }: { id: string; name: string; afterRevoke?: string }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"rotate" | "revoke" | null>(null);
  const rotate = useFormAction(rotateKeyAction);
  const revoke = useFormAction(revokeKeyAction, () => {
    setDialog(null);
    if (afterRevoke) router.push(afterRevoke);
  });
  const close = () => {
    setDialog(null);
    rotate.reset();
    revoke.reset();
  };
  const rotated = rotate.state.status === "ok" ? rotate.state.data : null;
  const failure = [rotate.state, revoke.state].find((s) => s.status === "error");
  return (
    <div className="flex justify-end gap-1.5">
      <Button size="sm" variant="secondary" onClick={() => setDialog("rotate")} aria-label={`Rotate ${name}`}>Rotate</Button>
      <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => setDialog("revoke")} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      <Dialog
        open={dialog === "rotate"}
        onClose={close}
        title={rotated ? "New secret for this key" : `Rotate “${name}”?`}
        description={rotated ? undefined : "The key gets a new secret. The current secret stops working immediately — update your applications right after."}
      >
        {rotated ? (
          <>
            <SecretReveal secret={rotated.key} />
            <div className="mt-6 flex justify-end"><Button onClick={close}>Done</Button></div>
          </>
        ) : (
          <form onSubmit={rotate.onSubmit}>
            <input type="hidden" name="id" value={id} />
            {failure?.status === "error" ? <Alert tone="error">{failure.message}</Alert> : null}
            <DialogActions onCancel={close}>
              <Button type="submit" disabled={rotate.pending}>{rotate.pending ? "Rotating…" : "Rotate key"}</Button>
            </DialogActions>
          </form>
        )}
      </Dialog>
      <Dialog open={dialog === "revoke"} onClose={close} title={`Revoke “${name}”?`} description="Requests with this key will be refused from now on. This cannot be undone.">
        <form onSubmit={revoke.onSubmit}>
          <input type="hidden" name="id" value={id} />
          {failure?.status === "error" ? <Alert tone="error">{failure.message}</Alert> : null}
          <DialogActions onCancel={close}>
            <Button type="submit" variant="danger" disabled={revoke.pending}>{revoke.pending ? "Revoking…" : "Revoke key"}</Button>
          </DialogActions>
        </form>
      </Dialog>
    </div>
  );
}
