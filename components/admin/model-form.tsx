// One model's edit form on the console's models page, with the values its last edit replaced.
import { updateModelAction } from "@/app/admin/models/actions";
import type { ModelRevision } from "@/lib/admin-console/models";
import { formatPerMillion, formatUsdExact } from "@/lib/money";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Field, Label, Select, Textarea } from "../ui/input";
import { Badge } from "../ui/badge";
import { Time } from "../ui/time";
import { ActionForm } from "./action-form";

type Model = {
  id: string; provider: string; upstreamModel: string; inputPrice: bigint; outputPrice: bigint; cachedInputPrice: bigint | null;
  contextWindow: number; maxOutputTokens: number; enabled: boolean; aliases: string[];
};

const perMillion = (nano: bigint) => formatUsdExact(nano * 1_000_000n).replace("$", "");

function replaced(revision: ModelRevision): string {
  return Object.entries(revision.before)
    .map(([field, value]) => `${field} ${field.endsWith("Price") && value !== null ? `${formatPerMillion(BigInt(String(value)))}/1M` : Array.isArray(value) ? value.join(", ") || "none" : String(value)}`)
    .join(", ");
}

/** The form; `revision` is the model's latest edit, if any. */
export function ModelForm({ model, revision }: { model: Model; revision?: ModelRevision }) {
  const id = (name: string) => `${model.id}-${name}`;
  return (
    <Card data-testid={`model-${model.id}`}>
      <CardHeader
        title={<span className="inline-flex items-center gap-2">{model.id} <Badge tone={model.enabled ? "green" : "neutral"}>{model.enabled ? "Enabled" : "Disabled"}</Badge></span>}
        description={`${model.provider} · ${formatPerMillion(model.inputPrice)} in / ${formatPerMillion(model.outputPrice)} out per 1M tokens`}
      />
      <CardBody>
        <ActionForm action={updateModelAction} submit="Save" label={`Edit ${model.id}`}>
          <input type="hidden" name="id" value={model.id} />
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Field id={id("in")} name="inputPrice" label="Input (USD per 1M)" inputMode="decimal" defaultValue={perMillion(model.inputPrice)} />
            <Field id={id("out")} name="outputPrice" label="Output (USD per 1M)" inputMode="decimal" defaultValue={perMillion(model.outputPrice)} />
            <Field id={id("cached")} name="cachedPrice" label="Cached input (USD per 1M)" inputMode="decimal" placeholder="none" defaultValue={model.cachedInputPrice === null ? "" : perMillion(model.cachedInputPrice)} />
            <div className="space-y-1.5">
              <Label htmlFor={id("enabled")}>Availability</Label>
              <Select id={id("enabled")} name="enabled" defaultValue={String(model.enabled)}>
                <option value="true">Enabled</option>
                <option value="false">Disabled</option>
              </Select>
            </div>
            <Field id={id("upstream")} name="upstreamModel" label="Upstream model" defaultValue={model.upstreamModel} className="col-span-2" />
            <Field id={id("context")} name="contextWindow" label="Context window" inputMode="numeric" defaultValue={model.contextWindow} />
            <Field id={id("output")} name="maxOutputTokens" label="Output limit" inputMode="numeric" defaultValue={model.maxOutputTokens} />
            {/* A textarea: Claude Code's default names make a list longer than one line. */}
            <div className="col-span-2 space-y-1.5 md:col-span-4">
              <Label htmlFor={id("aliases")}>Aliases (other names clients may call it by, comma-separated)</Label>
              <Textarea id={id("aliases")} name="aliases" rows={model.aliases.length > 3 ? 3 : 1} placeholder="none" defaultValue={model.aliases.join(", ")} />
            </div>
          </div>
          {revision ? (
            <p className="text-xs text-zinc-500" data-testid={`model-${model.id}-replaced`}>
              Last changed <Time date={revision.at} mode="datetime" /> by {revision.actor}; it replaced {replaced(revision)}.
            </p>
          ) : null}
        </ActionForm>
      </CardBody>
    </Card>
  );
}
