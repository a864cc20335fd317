import { describe, expect, it } from "vitest";
import { pageSecurityHeaders, strictTransportSecurity } from "./security-headers";

describe("security headers", () => {
  it("pages: a CSP that forbids framing and other origins; eval only in development", () => {
    const policy = (dev: boolean) => pageSecurityHeaders(dev).find((h) => h.key === "content-security-policy")!.value;
    expect(policy(false)).toMatch(/frame-ancestors 'none'/);
    expect(policy(false)).toMatch(/default-src 'self'/);
    expect(policy(false)).not.toMatch(/unsafe-eval/);
    expect(policy(true)).toMatch(/unsafe-eval/);
    expect(pageSecurityHeaders(false).map((h) => h.key)).toEqual(expect.arrayContaining(["x-frame-options", "x-content-type-options", "referrer-policy"]));
  });

  it("HSTS only in production over https", () => {
    expect(strictTransportSecurity(true, "https://api.example.com")).toHaveProperty("strict-transport-security");
    expect(strictTransportSecurity(true, "http://localhost:3000")).toEqual({});
    expect(strictTransportSecurity(false, "https://api.example.com")).toEqual({});
  });
});
