// channel-enable, channel-disable, channel-remove: one channel by name.
import { deleteChannel, setChannelEnabled } from "../admin-console/channels";
import { cliActor } from "../audit/actor";
import { defineCommand, required } from "./command";
import { describeChannel } from "./channel-options";

const byName = { name: { type: "string", description: "the channel's name (required)" } } as const;
const parse = (values: Parameters<typeof required>[0]) => required(values, "name");

// npm run admin -- channel-enable --name N
export const channelEnable = defineCommand({
  name: "channel-enable",
  summary: "Put a channel (back) into service, e.g. after fixing its key or balance.",
  options: byName,
  parse,
  run: async (name) => {
    const channel = await setChannelEnabled(cliActor(), name, true);
    return { ok: true, data: { channel }, lines: describeChannel(channel) };
  },
});

// npm run admin -- channel-disable --name N
export const channelDisable = defineCommand({
  name: "channel-disable",
  summary: "Take a channel out of service.",
  options: byName,
  parse,
  run: async (name) => {
    const channel = await setChannelEnabled(cliActor(), name, false);
    return { ok: true, data: { channel }, lines: describeChannel(channel) };
  },
});

// npm run admin -- channel-remove --name N
export const channelRemove = defineCommand({
  name: "channel-remove",
  summary: "Delete a channel (usage rows keep its name).",
  options: byName,
  parse,
  run: async (name) => {
    await deleteChannel(cliActor(), name);
    return { ok: true, data: { removed: name }, lines: [`Removed channel ${name}.`] };
  },
});
