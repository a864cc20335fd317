// channel-test: one real call through a channel.
import { probeChannel } from "../admin-console/channels";
import { cliActor } from "../audit/actor";
import { defineCommand, required } from "./command";

// npm run admin -- channel-test --name N
export const channelTest = defineCommand({
  name: "channel-test",
  summary: "Send one short request through a channel; print the latency and the upstream's answer.",
  options: { name: { type: "string", description: "the channel's name (required)" } },
  parse: (values) => required(values, "name"),
  run: async (name) => {
    const result = await probeChannel(cliActor(), name);
    const status = result.status === null ? "no answer" : `HTTP ${result.status}`;
    return { ok: result.ok, data: { result }, lines: [`${name} (${result.model}): ${result.ok ? "ok" : "FAILED"} · ${status} · ${result.latencyMs} ms`, `    ${result.answer}`] };
  },
});
