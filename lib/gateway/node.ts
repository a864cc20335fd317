// The node:http mount: what server.ts serves /v1/* with, in front of Next.
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAddress } from "../client-address";
import { handle } from "./pipeline";
import type { GatewayRequest, GatewayResponse, Runtime } from "./types";

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      return resolve(null);
    }
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) parts.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : parts.length === 1 ? parts[0] : Buffer.concat(parts)));
    req.on("error", reject);
  });
}

function write(res: ServerResponse, chunk: Uint8Array): Promise<void> | void {
  if (res.write(chunk)) return;
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Serve one /v1 request on a node:http response. */
export async function handleNodeRequest(req: IncomingMessage, res: ServerResponse, runtime: Runtime): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const request: GatewayRequest = {
    method: req.method ?? "GET",
    path: query === -1 ? url : url.slice(0, query),
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    body: (limit) => readBody(req, limit),
    signal: controller.signal,
  };
  request.clientIp = clientAddress(req.socket.remoteAddress, request.header("x-forwarded-for"));
  await sendResponse(res, await handle(request, runtime), controller.signal);
}

/** Write a gateway response on a node:http response; a streamed body stops once `signal` aborts (the client left). */
export async function sendResponse(res: ServerResponse, response: GatewayResponse, signal: AbortSignal): Promise<void> {
  if (typeof response.body === "string") {
    response.headers["content-length"] = String(Buffer.byteLength(response.body));
    res.writeHead(response.status, response.headers);
    res.end(response.body);
    return;
  }
  res.writeHead(response.status, response.headers);
  const iterator = response.body[Symbol.asyncIterator]();
  // The first chunk leaves at once, with the headers (a stream's first event is read before the
  // response starts): node:http corks the socket at a response's first write until the next
  // tick, which would keep it back while the body's next chunks are worked out. After it, chunks
  // that are ready together leave in one write: the socket is corked at the first and uncorked
  // once the ready ones are through (a tick later).
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  try {
    const first = await iterator.next();
    if (first.done) res.flushHeaders();
    else {
      const drained = write(res, first.value);
      res.socket?.uncork();
      await drained;
    }
    for (let next = first.done ? first : await iterator.next(); !next.done; next = await iterator.next()) {
      if (signal.aborted) break;
      if (!corked) {
        corked = true;
        res.cork();
        process.nextTick(uncork);
      }
      await write(res, next.value);
      if (signal.aborted) break;
    }
  } finally {
    await iterator.return?.();
    res.end();
  }
}
