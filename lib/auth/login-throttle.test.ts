import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { clearLoginFailures, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, loginBlockedFor, recordLoginFailure } from "./login-throttle";

describe("login throttle", () => {
  it("blocks an e-mail and address after the allowed failures, until the window ends", () => {
    const email = `${randomUUID()}@example.com`;
    const now = 1_000_000;
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) recordLoginFailure(email, "1.2.3.4", now);
    expect(loginBlockedFor(email, "1.2.3.4", now)).toBe(0);
    recordLoginFailure(email.toUpperCase(), "1.2.3.4", now);
    expect(loginBlockedFor(email, "1.2.3.4", now + 1000)).toBe(LOGIN_WINDOW_MS - 1000);
    expect(loginBlockedFor(email, "5.6.7.8", now)).toBe(0);
    expect(loginBlockedFor(email, "1.2.3.4", now + LOGIN_WINDOW_MS)).toBe(0);
  });

  it("forgets failures after a successful sign-in", () => {
    const email = `${randomUUID()}@example.com`;
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) recordLoginFailure(email, "local");
    expect(loginBlockedFor(email, "local")).toBeGreaterThan(0);
    clearLoginFailures(email, "local");
    expect(loginBlockedFor(email, "local")).toBe(0);
  });
});
