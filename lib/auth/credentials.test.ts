import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect } from "../db";
import { createAccount } from "../accounts/create";
import { deleteAccount } from "../accounts/settings";
import { signInWithPassword, SignInError, WRONG_CREDENTIALS } from "./credentials";
import { LOGIN_MAX_FAILURES } from "./login-throttle";

afterAll(disconnect);

const PASSWORD = "good-password-1";

describe("signInWithPassword", () => {
  it("returns the user for the right password, case-insensitive e-mail", async () => {
    const email = `cred-${randomUUID()}@example.com`;
    const { id } = await createAccount({ email, password: PASSWORD, name: "Ada" });
    await expect(signInWithPassword(` ${email.toUpperCase()} `, PASSWORD, "local")).resolves.toEqual({ id, email, name: "Ada" });
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    const email = `cred-${randomUUID()}@example.com`;
    await createAccount({ email, password: PASSWORD });
    await expect(signInWithPassword(email, "wrong-password-1", "local")).rejects.toThrow(new SignInError(WRONG_CREDENTIALS));
    await expect(signInWithPassword(`nobody-${randomUUID()}@example.com`, PASSWORD, "local")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("refuses even the right password once an address has failed too often, and from another address too (for a while)", async () => {
    const email = `cred-${randomUUID()}@example.com`;
    await createAccount({ email, password: PASSWORD });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await expect(signInWithPassword(email, "nope-nope-1", "203.0.113.7")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(signInWithPassword(email, PASSWORD, "203.0.113.7")).rejects.toThrow(/Too many sign-in attempts/);
    // A new address does not reset the account's count: it waits the account's delay first.
    await expect(signInWithPassword(email, PASSWORD, "198.51.100.9")).rejects.toThrow(/Too many sign-in attempts/);
  });

  it("refuses a deleted account", async () => {
    const email = `cred-${randomUUID()}@example.com`;
    const { id } = await createAccount({ email, password: PASSWORD });
    await deleteAccount(id);
    await expect(signInWithPassword(email, PASSWORD, "local")).rejects.toThrow(WRONG_CREDENTIALS);
  });
});
