// The simulator over real HTTP: an OpenAI-compatible upstream for tests and local trials.
// npm run simulator -- [--port 8900]   then e.g. DEEPSEEK_BASE_URL=http://127.0.0.1:8900/v1
// GET /__requests returns the last requests it received and how each ended (for tests).
// With a Dialect it speaks like one provider (tests/fakes/deepseek.ts, dashscope.ts, zhipu.ts):
// its refusals first, then the simulator's answer reshaped into the provider's habits.
import http from "node:http";
import { parseArgs } from "node:util";
import { simulate } from "../lib/gateway/providers/simulator";

const RECORDED = 500;

export type Recorded = { body: Record<string, unknown>; outcome: "pending" | "done" | "client_closed" | "dropped" | "refused" };

/** A provider's wire habits layered on the simulator. */
export type Dialect = {
  /** Answer instead of the simulator: a refusal (status and JSON body), "hang" (never answer), "stall" (200 and headers, then nothing), or null to simulate. */
  intercept(authorization: string | undefined, body: Record<string, unknown>): { status: number; body: unknown } | "hang" | "stall" | null;
  /** Reshape each JSON payload the simulator produced (stream chunks and completions), in place. */
  reshape(payload: Record<string, unknown>, kind: "chunk" | "completion", request: Record<string, unknown>): void;
  /** The request as the simulator should answer it (the provider's own behaviour applied), when it differs. */
  answerAs?(body: Record<string, unknown>): Record<string, unknown>;
};

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The simulator's bytes in a dialect: each JSON payload reshaped, comments and blank lines kept. */
async function* reshaped(body: AsyncIterable<Uint8Array>, dialect: Dialect, request: Record<string, unknown>, stream: boolean): AsyncIterable<Uint8Array> {
  for await (const bytes of body) {
    const text = decoder.decode(bytes);
    const at = text.indexOf("{");
    if (at === -1 || (stream && !text.startsWith("data: {"))) {
      yield bytes;
      continue;
    }
    const end = text.lastIndexOf("}") + 1;
    const payload = JSON.parse(text.slice(at, end)) as Record<string, unknown>;
    dialect.reshape(payload, stream ? "chunk" : "completion", request);
    yield encoder.encode(text.slice(0, at) + JSON.stringify(payload) + text.slice(end));
  }
}

/** Start the simulator on `port` (0: any free port). Resolves with its base URL (…/v1) and a close function. */
export async function startSimulator(port = 0, tokenDelayMs = 0, dialect?: Dialect): Promise<{ baseUrl: string; close: () => Promise<void>; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = http.createServer(async (req, res) => {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    if (req.method === "GET" && req.url === "/__requests") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(requests));
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
      return;
    }
    if (!dialect && !req.headers.authorization?.startsWith("Bearer ")) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "missing key", type: "authentication_error" } }));
      return;
    }
    const parts: Buffer[] = [];
    for await (const chunk of req) parts.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(parts).toString("utf8")) as Record<string, unknown>;
    const record: Recorded = { body, outcome: "pending" };
    requests.push(record);
    if (requests.length > RECORDED) requests.shift();
    const refusal = dialect?.intercept(req.headers.authorization, body) ?? null;
    if (refusal === "hang") return; // never answers; the client's timeout or close ends it
    if (refusal === "stall") {
      res.writeHead(200, { "content-type": body.stream === true ? "text/event-stream" : "application/json" }).flushHeaders();
      return;
    }
    if (refusal) {
      record.outcome = "refused";
      res.writeHead(refusal.status, { "content-type": "application/json" }).end(JSON.stringify(refusal.body));
      return;
    }
    try {
      const answer = await simulate(dialect?.answerAs?.(body) ?? body, controller.signal, tokenDelayMs);
      const streaming = answer.status === 200 && body.stream === true;
      res.writeHead(answer.status, { "content-type": streaming ? "text/event-stream" : "application/json" });
      if (streaming) res.flushHeaders();
      const bytes = dialect && answer.status === 200 ? reshaped(answer.body, dialect, body, streaming) : answer.body;
      for await (const chunk of bytes) res.write(chunk);
      res.end();
      record.outcome = "done";
    } catch {
      record.outcome = controller.signal.aborted ? "client_closed" : "dropped";
      res.destroy(); // a simulated drop, or the client went away
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "8900" }, delay: { type: "string", default: "15" } } });
  startSimulator(Number(values.port), Number(values.delay)).then(({ baseUrl }) => console.log(`Simulator listening: ${baseUrl}`));
}
