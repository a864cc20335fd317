// channel-add: a new upstream channel.
import type { ChannelInput } from "../channels";
import { addChannel } from "../admin-console/channels";
import { cliActor } from "../audit/actor";
import { defineCommand, required, UsageError } from "./command";
import { CHANNEL_OPTIONS, channelFields, describeChannel } from "./channel-options";

// npm run admin -- channel-add --name N --provider P --base-url URL --api-key KEY --models id[=upstream],… [--weight W] [--priority P] [--timeout MS]
export const channelAdd = defineCommand({
  name: "channel-add",
  summary: "Add an upstream channel (one provider credential) serving some models.",
  options: CHANNEL_OPTIONS,
  parse: (values) => {
    for (const option of ["name", "provider", "base-url", "api-key", "models"]) required(values, option);
    const fields = channelFields(values);
    if (!fields.provider || !fields.baseUrl || !fields.apiKey || !fields.models) throw new UsageError("--provider, --base-url, --api-key and --models are required.");
    return { ...fields, name: required(values, "name") } as ChannelInput;
  },
  run: async (input) => {
    const channel = await addChannel(cliActor(), input);
    return { ok: true, data: { channel }, lines: [`Added channel (in use on every instance within a second):`, ...describeChannel(channel)] };
  },
});
