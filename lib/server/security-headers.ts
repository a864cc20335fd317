// The security headers of every response, in one place: pages (through next.config.ts),
// /v1 (through the gateway's own headers), and HSTS in production over https (server.ts, /v1).

const COMMON = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
} as const;

/**
 * The pages' Content-Security-Policy. Next's hydration runs inline scripts and components
 * set inline styles, so those stay allowed; nothing loads from another origin, and no page
 * may be framed (frame-ancestors). Development adds what Next's hot reload needs.
 */
function pagePolicy(development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every page and route handler, as next.config.ts `headers()` wants them. */
export function pageSecurityHeaders(development: boolean): { key: string; value: string }[] {
  const all: Record<string, string> = { ...COMMON, "content-security-policy": pagePolicy(development) };
  return Object.entries(all).map(([key, value]) => ({ key, value }));
}

/** Headers for every /v1 answer: JSON and event streams that nothing may run, sniff or frame. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON,
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

/** HSTS, only for a production install whose public origin is https (never on plain http or in development). */
export function strictTransportSecurity(production: boolean, publicUrl: string): Record<string, string> {
  return production && publicUrl.startsWith("https://") ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {};
}
