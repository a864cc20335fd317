// channel-list: every channel with this process's view of its health.
import { listChannels } from "../channels";
import { defineCommand } from "./command";
import { describeChannel } from "./channel-options";

// npm run admin -- channel-list [--json]
export const channelList = defineCommand({
  name: "channel-list",
  summary: "List the channels: state, priority, weight, models, key hint and health.",
  options: {},
  parse: () => null,
  run: async () => {
    const channels = await listChannels();
    const lines = channels.length ? channels.flatMap(describeChannel) : ["No channels: set a provider's API key or run channel-add."];
    return { ok: true, data: { channels }, lines };
  },
});
