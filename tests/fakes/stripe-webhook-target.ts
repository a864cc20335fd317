// Serve the app's real webhook route (app/api/stripe/webhook) on node:http, so tests can let
// the Stripe fake deliver to it over HTTP without starting Next.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "../../app/api/stripe/webhook/route";

/** Listen on 127.0.0.1:0; `url` is the webhook endpoint to give the fake. */
export async function serveWebhookRoute(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    try {
      const response = await POST(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(err instanceof Error ? err.message : "error");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
