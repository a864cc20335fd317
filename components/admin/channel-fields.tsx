// The inputs of a channel (create and edit): the key field is write-only — never filled in.
import { CHANNEL_PROVIDERS, type ChannelView } from "@/lib/channels";
import { Field, Label, Select } from "../ui/input";

/** Provider, base URL, key, models, weight, priority, timeout; `channel` pre-fills an edit. */
export function ChannelFields({ prefix, channel }: { prefix: string; channel?: ChannelView }) {
  const id = (n: string) => `${prefix}-${n}`;
  const models = channel?.models?.map((m) => (m.upstream ? `${m.id}=${m.upstream}` : m.id)).join(", ") ?? "";
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="space-y-1.5">
        <Label htmlFor={id("provider")}>Provider</Label>
        <Select id={id("provider")} name="provider" defaultValue={channel?.provider ?? "openai"}>
          {CHANNEL_PROVIDERS.map((p) => <option key={p} value={p}>{p}</option>)}
        </Select>
      </div>
      <Field id={id("base")} name="baseUrl" label="Base URL" defaultValue={channel?.baseUrl} placeholder="https://api.deepseek.com" />
      <Field
        id={id("key")} name="apiKey" type="password" autoComplete="off" label="API key"
        hint={channel ? `Stored, ending …${channel.apiKeyHint}. Leave empty to keep it.` : "Stored encrypted; never shown again."}
      />
      <Field id={id("models")} name="models" label="Models" defaultValue={models} placeholder="deepseek-chat, deepseek-v3=deepseek-v3.2" hint="Public ids, comma-separated; id=upstream-name when the upstream calls it otherwise." />
      <Field id={id("weight")} name="weight" label="Weight" inputMode="numeric" defaultValue={channel?.weight ?? 1} />
      <Field id={id("priority")} name="priority" label="Priority" inputMode="numeric" defaultValue={channel?.priority ?? 0} hint="Higher is tried first." />
      <Field id={id("timeout")} name="timeoutMs" label="Timeout (ms)" inputMode="numeric" defaultValue={channel?.timeoutMs ?? ""} placeholder="default" />
    </div>
  );
}
