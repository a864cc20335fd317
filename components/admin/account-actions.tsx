// The operator's actions on one account: credits, plan and limits, suspension, a reset link.
import {
  adjustCreditsAction, changePlanAction, resetLinkAction, suspensionAction,
} from "@/app/admin/accounts/[id]/actions";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Field, Label, Select } from "../ui/input";
import { ActionForm } from "./action-form";

type Account = { id: string; plan: string; suspendedAt: Date | null; customRpm: number | null; customTpm: number | null; customConcurrent: number | null; customMaxKeys: number | null };

/** Four small forms, each one audited action. */
export function AccountActions({ user }: { user: Account }) {
  const hidden = <input type="hidden" name="id" value={user.id} />;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader title="Grant or deduct credits" description="The customer sees a neutral entry; the reason stays in the ledger's note and the audit log." />
        <CardBody>
          <ActionForm action={adjustCreditsAction} submit="Book it" label="Grant or deduct credits">
            {hidden}
            <Field id="credit-amount" name="amount" label="Amount (USD)" inputMode="decimal" placeholder="10 or -2.50" hint="Negative to deduct." />
            <Field id="credit-reason" name="reason" label="Reason (internal)" placeholder="e.g. refund for ticket #123" />
          </ActionForm>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Plan and limits" description="Limits apply to Enterprise only; empty keeps the current value or the default." />
        <CardBody>
          <ActionForm action={changePlanAction} submit="Save plan" label="Plan and limits">
            {hidden}
            <div className="space-y-1.5">
              <Label htmlFor="plan-select">Plan</Label>
              <Select id="plan-select" name="plan" defaultValue={user.plan}>
                <option value="FREE">Free</option>
                <option value="PRO">Pro</option>
                <option value="ENTERPRISE">Enterprise</option>
              </Select>
            </div>
            <div className="grid grid-cols-2 gap-3">
              <Field id="limit-rpm" name="rpm" label="Requests/min" inputMode="numeric" defaultValue={user.customRpm ?? ""} />
              <Field id="limit-tpm" name="tpm" label="Tokens/min" inputMode="numeric" defaultValue={user.customTpm ?? ""} />
              <Field id="limit-concurrent" name="concurrent" label="Concurrent" inputMode="numeric" defaultValue={user.customConcurrent ?? ""} />
              <Field id="limit-keys" name="maxKeys" label="Max keys" inputMode="numeric" defaultValue={user.customMaxKeys ?? ""} />
            </div>
          </ActionForm>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={user.suspendedAt ? "Reinstate" : "Suspend"} description={user.suspendedAt ? "Keys work again and sign-in is allowed." : "Every key answers 401 at once on every instance; sign-in is refused."} />
        <CardBody>
          <ActionForm action={suspensionAction} submit={user.suspendedAt ? "Reinstate account" : "Suspend account"} variant={user.suspendedAt ? "secondary" : "danger"} label="Suspension">
            {hidden}
            <input type="hidden" name="suspend" value={user.suspendedAt ? "false" : "true"} />
            <Field id="suspend-reason" name="reason" label="Reason (internal)" />
          </ActionForm>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Password reset" description="E-mails a one-hour reset link (to the server log when SMTP is not set)." />
        <CardBody>
          <ActionForm action={resetLinkAction} submit="Send reset link" variant="secondary" label="Password reset">{hidden}</ActionForm>
        </CardBody>
      </Card>
    </div>
  );
}
