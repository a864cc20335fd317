// channel-enable, channel-disable, channel-remove: one channel by name, audited as the CLI.
import { deleteChannel, setChannelEnabled } from "../admin-console/channels";
import { cliActor } from "../audit/actor";
import type { ChannelView } from "../channels";
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
export const channelEnable = byName("channel-enable", "Put a channel (back) into service, e.g. after fixing its key or balance.", async (name) => shown(await setChannelEnabled(cliActor(), name, true)));

// npm run admin -- channel-disable --name N
export const channelDisable = byName("channel-disable", "Take a channel out of service.", async (name) => shown(await setChannelEnabled(cliActor(), name, false)));

// npm run admin -- channel-remove --name N
export const channelRemove = byName("channel-remove", "Delete a channel (usage rows keep its name).", async (name) => {
  await deleteChannel(cliActor(), name);
  return { ok: true, data: { removed: name }, lines: [`Removed channel ${name}.`] };
});
