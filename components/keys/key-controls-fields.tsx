// The controls of a key as form fields, shared by the create dialog and the key's page:
// spend limit and its period, expiry date, models, allowed addresses. Each field says what
// a refused call will read, so the page's promise and the API's answer match.
import type { KeyControlsView } from "@/lib/keys/list";
import { MODEL_FIELD } from "@/lib/keys/form-fields";
import { formatUsdExact } from "@/lib/money";
import { Field, Input, Label, Select, Textarea } from "../ui/input";

type Props = {
  /** Prefix for element ids, so two forms on a page do not collide. */
  idPrefix: string;
  models: { id: string; provider: string }[];
  initial?: KeyControlsView;
  error: (field: string) => string | undefined;
};

const describe = (id: string, error: string | undefined) => (error ? `${id}-error` : `${id}-hint`);

/** The four controls; every one optional. */
export function KeyControlsFields({ idPrefix, models, initial, error }: Props) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const limit = initial?.spendLimit ? formatUsdExact(BigInt(initial.spendLimit)).slice(1) : "";
  const allowed = new Set(initial?.allowedModels ?? []);
  const ipsError = error("allowedIps");
  const limitError = error("spendLimit");
  const modelsError = error("models");
  return (
    <div className="space-y-5">
      <div className="space-y-1.5">
        <Label htmlFor={id("limit")}>Spend limit (USD)</Label>
        <div className="flex gap-2">
          <div className="relative min-w-0 flex-1">
            <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-zinc-500" aria-hidden>$</span>
            <Input id={id("limit")} name="spendLimit" inputMode="decimal" placeholder="No limit" defaultValue={limit} className="pl-7"
              aria-invalid={limitError ? true : undefined} aria-describedby={describe(id("limit"), limitError)} />
          </div>
          <Select id={id("period")} name="spendPeriod" defaultValue={initial?.spendPeriod ?? "MONTH"} aria-label="Spend limit period" className="w-36 shrink-0">
            <option value="DAY">per day</option>
            <option value="MONTH">per month</option>
            <option value="TOTAL">in total</option>
          </Select>
        </div>
        {limitError ? <p id={`${id("limit")}-error`} className="text-xs font-medium text-red-600">{limitError}</p> : (
          <p id={`${id("limit")}-hint`} className="text-xs text-zinc-500" data-testid="limit-promise">
            Days and months are UTC. A call whose maximum cost would pass the limit is refused with 402 <code>key_spend_limit_reached</code>, naming the limit and when it resets.
          </p>
        )}
      </div>

      <Field id={id("expires")} name="expiresOn" type="date" label="Expires on" defaultValue={initial?.expiresAt ? initial.expiresAt.toISOString().slice(0, 10) : ""} error={error("expiresOn")}
        hint={<>From 00:00 UTC that day the key is refused with 401 <code>invalid_api_key</code> (&ldquo;This key expired on …&rdquo;). Empty: never.</>} />

      <fieldset aria-describedby={describe(id("models"), modelsError)}>
        <legend className="text-sm font-medium text-zinc-800">Models</legend>
        <div className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2">
          {models.map((m) => (
            <label key={m.id} className="flex min-w-0 items-center gap-2 text-sm text-zinc-800">
              <input type="checkbox" name={`${MODEL_FIELD}${m.id}`} defaultChecked={allowed.has(m.id)} className="size-4 shrink-0 rounded border-zinc-300 text-brand-600 focus:ring-brand-500" />
              <span className="truncate font-mono text-[13px]">{m.id}</span>
            </label>
          ))}
        </div>
        {modelsError ? <p id={`${id("models")}-error`} className="mt-1.5 text-xs font-medium text-red-600">{modelsError}</p> : (
          <p id={`${id("models")}-hint`} className="mt-1.5 text-xs text-zinc-500" data-testid="models-promise">
            None checked: every model. Otherwise a call to another model is refused with 403 <code>model_not_allowed_for_key</code>, and the key lists only these on <code>/v1/models</code>.
          </p>
        )}
      </fieldset>

      <div className="space-y-1.5">
        <Label htmlFor={id("ips")}>Allowed addresses</Label>
        <Textarea id={id("ips")} name="allowedIps" rows={2} placeholder="e.g. 203.0.113.7, 10.0.0.0/8" defaultValue={initial?.allowedIps.join("\n") ?? ""}
          aria-invalid={ipsError ? true : undefined} aria-describedby={describe(id("ips"), ipsError)} spellCheck={false} className="font-mono text-[13px]" />
        {ipsError ? <p id={`${id("ips")}-error`} className="text-xs font-medium text-red-600">{ipsError}</p> : (
          <p id={`${id("ips")}-hint`} className="text-xs text-zinc-500">IP addresses or CIDR ranges, one per line or comma-separated. Empty: anywhere. Calls from elsewhere get 403 <code>address_not_allowed_for_key</code>.</p>
        )}
      </div>
    </div>
  );
}
