// The gateway's own request and response: small, framework-free shapes that the
// node:http mount and the web Request/Response mount both translate to.
import type { KeyIdentity } from "../keys/lookup";

export type GatewayRequest = {
  method: string;
  /** Path without query, e.g. "/v1/chat/completions". */
  path: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** The body, or null when it is longer than `limit` bytes. */
  body(limit: number): Promise<Uint8Array | null>;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Already authenticated (the dashboard playground); skips the bearer key. */
  identity?: KeyIdentity;
  clientIp?: string;
};

export type GatewayResponse = {
  status: number;
  headers: Record<string, string>;
  body: string | AsyncIterable<Uint8Array>;
};

/** Work that must finish after the response (settlement); mounts keep the process alive for it. */
export type Runtime = { waitUntil(promise: Promise<unknown>): void };
