// A fake of Upstash's Redis REST API, backed by a real Redis: POST a JSON command
// array to `/`, an array of them to `/pipeline` or `/multi-exec`, with a Bearer token;
// answers `{result}` / `{error}` (base64-encoded strings when the client sends
// `Upstash-Encoding: base64`). Like Upstash, it accepts @upstash/ratelimit's
// `allow-key-locking` script flag, which a self-hosted Redis would reject.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import IORedis from "ioredis";
import { scriptSha } from "../../lib/limits/scripts";
import { ScriptDialect } from "./upstash-dialect";

export type FakeUpstash = { url: string; token: string; close: () => Promise<void> };

type Arg = string | number;
type Command = [string, ...Arg[]];
type Reply = { result: unknown } | { error: string };

class BadRequest extends Error {}

function parseCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== "string") throw new BadRequest("ERR failed to parse command");
  return value.map((v: unknown) => (typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v))) as Command;
}

function encode(value: unknown): unknown {
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest("ERR failed to parse request body");
  }
}

/** Start the fake on 127.0.0.1 (random port) over the Redis at `redisUrl`. */
export async function startFakeUpstash(redisUrl: string, token = randomBytes(16).toString("hex")): Promise<FakeUpstash> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  const dialect = new ScriptDialect();

  /** The command as Redis must see it, and how to turn Redis's answer into Upstash's. */
  const translate = (command: Command): { command: Command; answer: (result: unknown) => unknown } => {
    const [name, ...args] = command;
    const upper = name.toUpperCase();
    const same = (result: unknown) => result;
    if ((upper === "EVAL" || upper === "EVAL_RO") && typeof args[0] === "string") {
      return { command: [name, dialect.forRedis(args[0]), ...args.slice(1)], answer: same };
    }
    if ((upper === "EVALSHA" || upper === "EVALSHA_RO") && typeof args[0] === "string") {
      return { command: [name, dialect.shaForRedis(args[0]), ...args.slice(1)], answer: same };
    }
    if (upper === "SCRIPT" && String(args[0]).toUpperCase() === "LOAD" && typeof args[1] === "string") {
      const script = args[1];
      return { command: [name, args[0], dialect.forRedis(script)], answer: () => scriptSha(script) };
    }
    return { command, answer: same };
  };

  const single = async (body: unknown): Promise<Reply> => {
    const { command, answer } = translate(parseCommand(body));
    try {
      return { result: answer(await redis.call(...command)) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };

  const batch = async (body: unknown, atomic: boolean): Promise<Reply[]> => {
    if (!Array.isArray(body) || body.length === 0) throw new BadRequest("ERR empty or malformed command list");
    const steps = body.map((c) => translate(parseCommand(c)));
    const chain = atomic ? redis.multi() : redis.pipeline();
    for (const { command } of steps) chain.call(...command);
    const results = await chain.exec();
    if (!results) throw new BadRequest("ERR transaction aborted");
    return results.map(([err, result], i) => (err ? { error: err.message } : { result: steps[i].answer(result) }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    if (req.method !== "POST") return send(405, { error: "Method not allowed" });
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const out = (reply: Reply): Reply => ("result" in reply && base64 ? { result: encode(reply.result) } : reply);
    try {
      const body = await readBody(req);
      const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "");
      if (path === "") {
        const reply = await single(body);
        return send("error" in reply ? 400 : 200, out(reply));
      }
      if (path === "/pipeline" || path === "/multi-exec") return send(200, (await batch(body, path === "/multi-exec")).map(out));
      return send(404, { error: `Unknown endpoint ${path}` });
    } catch (err) {
      return send(err instanceof BadRequest ? 400 : 500, { error: (err as Error).message });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit();
    },
  };
}
