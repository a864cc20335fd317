// An operator's channel edits through lib/channels, each written to the audit log (the key never is).
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record";
import {
  createChannel, disableChannel, enableChannel, getChannel, removeChannel, testChannel, updateChannel,
  type ChannelInput, type ChannelView,
} from "../channels";

function described(c: ChannelView) {
  return { provider: c.provider, baseUrl: c.baseUrl, apiKeyHint: c.apiKeyHint, models: c.models, weight: c.weight, priority: c.priority, enabled: c.enabled, timeoutMs: c.timeoutMs };
}

/** Add a channel. */
export async function addChannel(actor: Actor, input: ChannelInput): Promise<ChannelView> {
  const created = await createChannel(input);
  await recordAudit({ actor, action: "channel.create", targetType: "channel", targetId: created.name, after: described(created) });
  return created;
}

/** Change a channel's fields; an empty key keeps the stored one. */
export async function editChannel(actor: Actor, name: string, patch: Partial<Omit<ChannelInput, "name">>): Promise<ChannelView> {
  const before = await getChannel(name);
  const after = await updateChannel(name, patch);
  await recordAudit({ actor, action: "channel.update", targetType: "channel", targetId: name, before: described(before), after: described(after) });
  return after;
}

/** Put a channel in or out of service. */
export async function setChannelEnabled(actor: Actor, name: string, enabled: boolean): Promise<ChannelView> {
  const after = enabled ? await enableChannel(name) : await disableChannel(name);
  await recordAudit({ actor, action: enabled ? "channel.enable" : "channel.disable", targetType: "channel", targetId: name, before: { enabled: !enabled }, after: { enabled } });
  return after;
}

/** Delete a channel. */
export async function deleteChannel(actor: Actor, name: string): Promise<void> {
  const before = await getChannel(name);
  await removeChannel(name);
  await recordAudit({ actor, action: "channel.remove", targetType: "channel", targetId: name, before: described(before) });
}

/** One real call through the channel; the outcome is audited too. */
export async function probeChannel(actor: Actor, name: string) {
  const result = await testChannel(name);
  await recordAudit({ actor, action: "channel.test", targetType: "channel", targetId: name, after: { ok: result.ok, status: result.status, latencyMs: result.latencyMs } });
  return result;
}
