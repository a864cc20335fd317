// channel-enable, channel-disable, channel-remove: one channel by name.
import { disableChannel, enableChannel, removeChannel, type ChannelView } from "../channels";
import { defineCommand, required, type AdminCommand, type Outcome } from "./command";
import { describeChannel } from "./channel-options";

/** A command that takes --name and acts on that channel. */
function byName(name: string, summary: string, act: (channel: string) => Promise<Outcome>): AdminCommand {
  return defineCommand({
    name,
    summary,
    options: { name: { type: "string", description: "the channel's name (required)" } },
    parse: (values) => required(values, "name"),
    run: act,
  });
}

const shown = (channel: ChannelView): Outcome => ({ ok: true, data: { channel }, lines: describeChannel(channel) });

// npm run admin -- channel-enable --name N
export const channelEnable = byName("channel-enable", "Put a channel (back) into service, e.g. after fixing its key or balance.", async (name) => shown(await enableChannel(name)));

// npm run admin -- channel-disable --name N
export const channelDisable = byName("channel-disable", "Take a channel out of service.", async (name) => shown(await disableChannel(name)));

// npm run admin -- channel-remove --name N
export const channelRemove = byName("channel-remove", "Delete a channel (usage rows keep its name).", async (name) => {
  await removeChannel(name);
  return { ok: true, data: { removed: name }, lines: [`Removed channel ${name}.`] };
});
