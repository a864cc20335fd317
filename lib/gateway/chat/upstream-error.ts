// Reading an upstream's error answer: its status, message and business code, whatever
// the provider's shape (OpenAI's {error:{message,type,code}}, Zhipu's {error:{code,message}},
// DashScope's {code,message}).
import type { UpstreamError } from "../providers/adaptors/types";

const MAX_ERROR_BODY = 64 * 1024;

async function readText(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_ERROR_BODY) break;
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString("utf8");
}

const text = (v: unknown): string | null => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);

/** The error answer of `status`, read from its body. */
export async function readUpstreamError(status: number, body: AsyncIterable<Uint8Array>): Promise<UpstreamError> {
  const raw = await readText(body).catch(() => "");
  try {
    const parsed = JSON.parse(raw) as { error?: Record<string, unknown> } & Record<string, unknown>;
    const e = parsed.error && typeof parsed.error === "object" ? parsed.error : parsed;
    return { status, message: text(e.message) ?? (raw.slice(0, 300) || "no details"), code: text(e.code), type: text(e.type) };
  } catch {
    return { status, message: raw.trim().slice(0, 300) || "no details", code: null, type: null };
  }
}
