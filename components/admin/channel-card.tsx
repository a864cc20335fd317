// One channel on the console: health at a glance, then test, enable/disable, edit and remove.
import { channelEnabledAction, removeChannelAction, testChannelAction, updateChannelAction } from "@/app/admin/channels/actions";
import type { ChannelView } from "@/lib/channels";
import { Badge } from "../ui/badge";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Field } from "../ui/input";
import { ActionForm } from "./action-form";
import { ChannelFields } from "./channel-fields";

function health(c: ChannelView): { tone: "green" | "amber" | "red" | "neutral"; text: string } {
  if (!c.enabled) return { tone: "neutral", text: c.disabledReason ? `Disabled: ${c.disabledReason}` : "Disabled" };
  if (c.health.cooledUntil) return { tone: "red", text: "Cooling down" };
  if (c.health.successRate === null) return { tone: "neutral", text: "No traffic yet" };
  const pct = Math.round(c.health.successRate * 100);
  return { tone: pct >= 95 ? "green" : pct >= 70 ? "amber" : "red", text: `${pct}% ok` };
}

/** The channel's card; environment channels are shown read-only. */
export function ChannelCard({ channel: c }: { channel: ChannelView }) {
  const h = health(c);
  const hidden = <input type="hidden" name="name" value={c.name} />;
  const editable = c.source === "database";
  return (
    <Card data-testid={`channel-${c.name}`}>
      <CardHeader
        title={<span className="inline-flex flex-wrap items-center gap-2">{c.name} <Badge tone={h.tone} data-testid={`channel-${c.name}-health`}>{h.text}</Badge>{editable ? null : <Badge>from environment</Badge>}</span>}
        description={`${c.provider} · ${c.baseUrl} · ${c.apiKeyHint ? `key …${c.apiKeyHint}` : "no key"} · ${c.models ? c.models.map((m) => m.id).join(", ") : "all its provider's models"} · weight ${c.weight}, priority ${c.priority}` +
          `${c.health.latencyMs !== null ? ` · ${Math.round(c.health.latencyMs)} ms` : ""}${c.health.lastError ? ` · last error: ${c.health.lastError}` : ""}`}
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap gap-3">
          <ActionForm action={testChannelAction} submit="Test" variant="secondary" label={`Test ${c.name}`}>{hidden}</ActionForm>
          {editable ? (
            <ActionForm action={channelEnabledAction} submit={c.enabled ? "Disable" : "Enable"} variant="secondary" label={`${c.enabled ? "Disable" : "Enable"} ${c.name}`}>
              {hidden}<input type="hidden" name="enabled" value={c.enabled ? "false" : "true"} />
            </ActionForm>
          ) : null}
        </div>
        {editable ? (
          <>
            <details className="rounded-lg border border-zinc-200 px-4 py-3">
              <summary className="cursor-pointer text-sm font-medium text-zinc-800">Edit</summary>
              <div className="mt-3">
                <ActionForm action={updateChannelAction} submit="Save channel" label={`Edit ${c.name}`}>{hidden}<ChannelFields prefix={`edit-${c.name}`} channel={c} /></ActionForm>
              </div>
            </details>
            <details className="rounded-lg border border-red-200 px-4 py-3">
              <summary className="cursor-pointer text-sm font-medium text-red-700">Remove</summary>
              <div className="mt-3">
                <ActionForm action={removeChannelAction} submit="Remove channel" variant="danger" label={`Remove ${c.name}`}>
                  {hidden}<Field id={`remove-${c.name}`} name="confirm" label={`Type ${c.name} to confirm`} autoComplete="off" />
                </ActionForm>
              </div>
            </details>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
