// The bench upstream: an OpenAI-wire-format server that answers at once (no model
// delay), run in its own process. Prints {"port":N} on stdout when listening.
//   tsx bench/upstream.ts [--port 0] [--chunks 200]
// POST /__bench/config {"chunks":N,"gapMs":M} changes the stream shape; GET /__bench/stats counts requests.
import http from "node:http";
import { parseArgs } from "node:util";

const MODEL = "deepseek-chat";
const CREATED = 1_700_000_000;
const PROMPT_TOKENS = 12;

type Shape = { chunks: number; gapMs: number };
type Stream = { head: Buffer[]; usage: Buffer; done: Buffer };

const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, chunks: { type: "string", default: "200" } } });
let shape: Shape = { chunks: Number(values.chunks), gapMs: 0 };
let served = 0;

function sse(payload: unknown): Buffer {
  return Buffer.from(`data: ${JSON.stringify(payload)}\n\n`);
}

function chunk(delta: Record<string, string>, finish: string | null): Buffer {
  return sse({
    id: "chatcmpl-bench", object: "chat.completion.chunk", created: CREATED, model: MODEL, system_fingerprint: "fp_bench",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
}

function usage(completionTokens: number) {
  return { prompt_tokens: PROMPT_TOKENS, completion_tokens: completionTokens, total_tokens: PROMPT_TOKENS + completionTokens };
}

// `chunks` content chunks after a role chunk, then a finish chunk; usage and [DONE] are sent as asked.
function buildStream(chunks: number): Stream {
  const head = [chunk({ role: "assistant", content: "" }, null)];
  for (let i = 0; i < chunks; i++) head.push(chunk({ content: `tok${i} ` }, null));
  head.push(chunk({}, "stop"));
  const usageChunk = sse({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: CREATED, model: MODEL, choices: [], usage: usage(chunks) });
  return { head, usage: usageChunk, done: Buffer.from("data: [DONE]\n\n") };
}

// About 1 KB: one assistant message and the usage block.
const COMPLETION = Buffer.from(JSON.stringify({
  id: "chatcmpl-bench", object: "chat.completion", created: CREATED, model: MODEL, system_fingerprint: "fp_bench",
  choices: [{ index: 0, message: { role: "assistant", content: "The quick brown fox jumps over the lazy dog. ".repeat(18).trim() }, logprobs: null, finish_reason: "stop" }],
  usage: usage(180),
}));

const MODELS = Buffer.from(JSON.stringify({
  object: "list",
  data: ["deepseek-chat", "deepseek-reasoner"].map((id) => ({ id, object: "model", created: CREATED, owned_by: "bench" })),
}));

let stream = buildStream(shape.chunks);

function send(res: http.ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
}

async function writeStream(res: http.ServerResponse, withUsage: boolean): Promise<void> {
  const { gapMs } = shape;
  const parts = [...stream.head, ...(withUsage ? [stream.usage] : []), stream.done];
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const part of parts) {
    if (res.destroyed) return;
    res.write(part);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  res.end();
}

function chat(body: string, res: http.ServerResponse): void {
  let request: { stream?: boolean; stream_options?: { include_usage?: boolean } };
  try {
    request = JSON.parse(body);
  } catch {
    return send(res, 400, Buffer.from('{"error":{"message":"invalid JSON","type":"invalid_request_error"}}'));
  }
  served++;
  if (!request.stream) return send(res, 200, COMPLETION);
  void writeStream(res, request.stream_options?.include_usage === true);
}

function configure(body: string, res: http.ServerResponse): void {
  const next = JSON.parse(body) as Partial<Shape>;
  shape = { chunks: next.chunks ?? shape.chunks, gapMs: next.gapMs ?? shape.gapMs };
  stream = buildStream(shape.chunks);
  send(res, 200, Buffer.from(JSON.stringify(shape)));
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && (path === "/v1/models" || path === "/models")) return send(res, 200, MODELS);
  if (req.method === "GET" && path === "/__bench/stats") return send(res, 200, Buffer.from(JSON.stringify({ served })));
  const parts: Buffer[] = [];
  req.on("data", (part: Buffer) => parts.push(part));
  req.on("end", () => {
    const body = Buffer.concat(parts).toString("utf8");
    if (req.method === "POST" && (path === "/v1/chat/completions" || path === "/chat/completions")) return chat(body, res);
    if (req.method === "POST" && path === "/__bench/config") return configure(body, res);
    send(res, 404, Buffer.from('{"error":{"message":"not found","type":"invalid_request_error"}}'));
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
