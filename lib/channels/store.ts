// The channel table: list (with this instance's health), create, edit, enable, disable,
// remove. Every write reaches every instance through channelsChanged().
import { prisma } from "../db";
import type { Channel } from "../generated/prisma/client";
import { apiKeyHint, encryptApiKey } from "./cipher";
import { defaultChannels } from "./defaults";
import { healthOf, resetHealth } from "./health";
import { channelsChanged } from "./snapshot";
import { ChannelError, type ChannelInput, type ChannelModel, type ChannelProvider, type ChannelView } from "./types";
import { checkChannelFields } from "./validate";

function view(row: Channel): ChannelView {
  return {
    id: row.id, name: row.name, provider: row.provider as ChannelProvider, baseUrl: row.baseUrl, apiKeyHint: row.apiKeyHint,
    models: row.models as ChannelModel[], weight: row.weight, priority: row.priority, enabled: row.enabled,
    disabledReason: row.disabledReason, timeoutMs: row.timeoutMs, source: "database", health: healthOf(row.name),
  };
}

async function find(name: string): Promise<Channel> {
  const row = await prisma().channel.findUnique({ where: { name } });
  if (!row) throw new ChannelError(`No channel is named "${name}".`);
  return row;
}

/** Every channel: the database's, then the environment's defaults; health as this instance sees it. */
export async function listChannels(): Promise<ChannelView[]> {
  const rows = await prisma().channel.findMany({ orderBy: [{ priority: "desc" }, { name: "asc" }] });
  const defaults: ChannelView[] = defaultChannels().map((c) => ({
    id: c.id, name: c.name, provider: c.provider, baseUrl: c.baseUrl, apiKeyHint: c.apiKeyHint, models: null, weight: c.weight,
    priority: c.priority, enabled: c.enabled, disabledReason: c.disabledReason, timeoutMs: c.timeoutMs, source: "environment", health: healthOf(c.name),
  }));
  return [...rows.map(view), ...defaults];
}

/** One database channel by name. */
export async function getChannel(name: string): Promise<ChannelView> {
  return view(await find(name));
}

/** Add a channel. Throws ChannelError for a bad field or a name in use. */
export async function createChannel(input: ChannelInput): Promise<ChannelView> {
  checkChannelFields(input);
  if (defaultChannels().some((c) => c.name === input.name) || (await prisma().channel.findUnique({ where: { name: input.name } }))) {
    throw new ChannelError(`A channel named "${input.name}" already exists.`);
  }
  const row = await prisma().channel.create({
    data: {
      name: input.name, provider: input.provider, baseUrl: input.baseUrl.replace(/\/+$/, ""), apiKeyCipher: encryptApiKey(input.apiKey),
      apiKeyHint: apiKeyHint(input.apiKey), models: input.models, weight: input.weight ?? 1, priority: input.priority ?? 0,
      enabled: input.enabled ?? true, timeoutMs: input.timeoutMs ?? null,
    },
  });
  await channelsChanged();
  return view(row);
}

/** Change some fields of a channel (a new key replaces the old; the name stays). */
export async function updateChannel(name: string, patch: Partial<Omit<ChannelInput, "name">>): Promise<ChannelView> {
  checkChannelFields(patch);
  await find(name);
  const { apiKey, baseUrl, ...rest } = patch;
  const row = await prisma().channel.update({
    where: { name },
    data: {
      ...rest,
      ...(baseUrl !== undefined ? { baseUrl: baseUrl.replace(/\/+$/, "") } : {}),
      ...(apiKey !== undefined ? { apiKeyCipher: encryptApiKey(apiKey), apiKeyHint: apiKeyHint(apiKey), disabledReason: null } : {}),
    },
  });
  resetHealth(name);
  await channelsChanged();
  return view(row);
}

/** Put a channel (back) into service; its health starts afresh. */
export async function enableChannel(name: string): Promise<ChannelView> {
  await find(name);
  const row = await prisma().channel.update({ where: { name }, data: { enabled: true, disabledReason: null } });
  resetHealth(name);
  await channelsChanged();
  return view(row);
}

/** Take a channel out of service; `reason` is set when the gateway does it (credential or balance refusal). */
export async function disableChannel(name: string, reason: string | null = null): Promise<ChannelView> {
  await find(name);
  const row = await prisma().channel.update({ where: { name }, data: { enabled: false, disabledReason: reason } });
  await channelsChanged();
  return view(row);
}

/** Delete a channel. Usage rows keep its name. */
export async function removeChannel(name: string): Promise<void> {
  await find(name);
  await prisma().channel.delete({ where: { name } });
  resetHealth(name);
  await channelsChanged();
}
