// channel-set: change some fields of a channel.
import { editChannel } from "../admin-console/channels";
import { cliActor } from "../audit/actor";
import { defineCommand, required, UsageError } from "./command";
import { CHANNEL_OPTIONS, channelFields, describeChannel } from "./channel-options";

// npm run admin -- channel-set --name N [--provider P --base-url URL --api-key KEY --models … --weight W --priority P --timeout MS]
export const channelSet = defineCommand({
  name: "channel-set",
  summary: "Change a channel's fields (the ones given; a new key replaces the old).",
  options: CHANNEL_OPTIONS,
  parse: (values) => {
    const patch = channelFields(values);
    if (!Object.keys(patch).length) throw new UsageError("give at least one field to change.");
    return { name: required(values, "name"), patch };
  },
  run: async ({ name, patch }) => {
    const channel = await editChannel(cliActor(), name, patch);
    return { ok: true, data: { channel }, lines: ["Changed channel (in use on every instance within a second):", ...describeChannel(channel)] };
  },
});
