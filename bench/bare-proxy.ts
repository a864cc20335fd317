// The bare reverse proxy: node:http in front of an undici keep-alive Pool, nothing
// else. What one extra Node hop costs at all. Prints {"port":N} when listening.
//   tsx bench/bare-proxy.ts --upstream http://127.0.0.1:PORT [--port 0]
import http from "node:http";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { Pool } from "undici";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "proxy-connection", "upgrade", "te", "trailer"]);

const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, upstream: { type: "string" } } });
if (!values.upstream) throw new Error("--upstream http://host:port is required");
const pool = new Pool(values.upstream, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });

function endToEnd(headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

const server = http.createServer(async (req, res) => {
  try {
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const upstream = await pool.request({
      path: req.url ?? "/",
      method: req.method as "GET" | "POST",
      headers: endToEnd(req.headers),
      body: hasBody ? req : undefined,
    });
    res.writeHead(upstream.statusCode, endToEnd(upstream.headers));
    await pipeline(upstream.body, res);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `bad gateway: ${(err as Error).message}`, type: "api_error" } }));
  }
});

server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
