"use server";
// Server actions of the channels page: operators only (404 otherwise), each audited.
import { z } from "zod";
import { UserError } from "@/lib/actions/errors";
import { operatorAction } from "@/lib/admin-console/action";
import { addChannel, deleteChannel, editChannel, probeChannel, setChannelEnabled } from "@/lib/admin-console/channels";
import { operatorActor } from "@/lib/admin-console/operator";
import { ChannelError, parseModelList, parseProvider } from "@/lib/channels";

const name = z.string().trim().min(1, "Name the channel.");
const optionalInt = z.string().trim().transform((v) => (v === "" ? undefined : Number(v)));

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ChannelError) throw new UserError(err.message);
    throw err;
  }
}

const fields = z.object({
  provider: z.string().trim(),
  baseUrl: z.string().trim().min(1, "Give the base URL."),
  apiKey: z.string().trim().default(""),
  models: z.string().trim(),
  weight: optionalInt,
  priority: optionalInt,
  timeoutMs: optionalInt,
});

// Add a channel.
export const createChannelAction = operatorAction(fields.extend({ name }), async (input, operator): Promise<string> =>
  refusing(async () => {
    if (!input.apiKey) throw new UserError("Give the upstream API key.", "apiKey");
    await addChannel(operatorActor(operator), {
      name: input.name, provider: parseProvider(input.provider), baseUrl: input.baseUrl, apiKey: input.apiKey,
      models: parseModelList(input.models), weight: input.weight, priority: input.priority, timeoutMs: input.timeoutMs ?? null,
    });
    return `Channel ${input.name} added.`;
  }));

// Edit a channel; an empty key field keeps the stored key.
export const updateChannelAction = operatorAction(fields.extend({ name }), async (input, operator): Promise<string> =>
  refusing(async () => {
    await editChannel(operatorActor(operator), input.name, {
      provider: parseProvider(input.provider), baseUrl: input.baseUrl, models: parseModelList(input.models),
      ...(input.apiKey ? { apiKey: input.apiKey } : {}),
      weight: input.weight, priority: input.priority, timeoutMs: input.timeoutMs ?? null,
    });
    return `Channel ${input.name} saved.`;
  }));

// Enable or disable.
export const channelEnabledAction = operatorAction(z.object({ name, enabled: z.enum(["true", "false"]) }), async (input, operator): Promise<string> =>
  refusing(async () => {
    await setChannelEnabled(operatorActor(operator), input.name, input.enabled === "true");
    return input.enabled === "true" ? "Enabled." : "Disabled.";
  }));

// Remove.
export const removeChannelAction = operatorAction(z.object({ name, confirm: z.string().trim() }), async (input, operator): Promise<string> =>
  refusing(async () => {
    if (input.confirm !== input.name) throw new UserError(`Type ${input.name} to confirm.`, "confirm");
    await deleteChannel(operatorActor(operator), input.name);
    return "Removed.";
  }));

// One real call through the channel.
export const testChannelAction = operatorAction(z.object({ name }), async (input, operator): Promise<string> =>
  refusing(async () => {
    const r = await probeChannel(operatorActor(operator), input.name);
    if (!r.ok) throw new UserError(`Test failed${r.status ? ` (HTTP ${r.status})` : ""} after ${r.latencyMs} ms: ${r.answer}`);
    return `Test passed: ${r.model} answered in ${r.latencyMs} ms: "${r.answer}"`;
  }));
