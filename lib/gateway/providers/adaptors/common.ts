// Small steps adaptors are made of, and the error classes every provider shares.
import type { ErrorKind, UpstreamError } from "./types";

/** Clamp a numeric field into [min, max] when present. */
export function clamp(body: Record<string, unknown>, field: string, min: number, max: number): void {
  const value = body[field];
  if (typeof value === "number") body[field] = Math.min(max, Math.max(min, value));
}

/** Remove fields the provider does not document. */
export function drop(body: Record<string, unknown>, ...fields: string[]): void {
  for (const field of fields) delete body[field];
}

/** Remove a field from every message (e.g. reasoning_content sent back by a client). */
export function dropFromMessages(body: Record<string, unknown>, field: string): void {
  if (!Array.isArray(body.messages)) return;
  body.messages = body.messages.map((m: unknown) => {
    if (!m || typeof m !== "object" || !(field in m)) return m;
    const { [field]: _dropped, ...rest } = m as Record<string, unknown>;
    return rest;
  });
}

/** The classes by HTTP status alone (OpenAI's convention, which all three follow for these). */
export function classifyByStatus(error: UpstreamError): ErrorKind {
  if (error.status === 401 || error.status === 402 || error.status === 403) return "account";
  if (error.status === 400 || error.status === 413 || error.status === 422) return "client";
  return "retry";
}
