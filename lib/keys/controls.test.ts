import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { mapError } from "../actions/errors";
import { keyControlsForm } from "./controls";

const errorsOf = (form: Record<string, string>) => {
  const parsed = keyControlsForm.safeParse(form);
  if (parsed.success) throw new Error("expected the form to be refused");
  return mapError(new ZodError(parsed.error.issues)).fieldErrors;
};

describe("keyControlsForm", () => {
  it("reads the limit in USD, the period, the expiry day, the addresses and the checked models", () => {
    const next = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(keyControlsForm.parse({ spendLimit: " 12.50 ", spendPeriod: "DAY", expiresOn: next, allowedIps: "203.0.113.7,\n10.0.0.0/8  10.0.0.0/8", "model.qwen-turbo": "on", "model.deepseek-chat": "on", name: "x" })).toEqual({
      spendLimit: 12_500_000_000n, spendPeriod: "DAY", expiresAt: new Date(`${next}T00:00:00Z`),
      allowedIps: ["203.0.113.7", "10.0.0.0/8"], allowedModels: ["deepseek-chat", "qwen-turbo"],
    });
  });

  it("treats empty fields as no control, and drops the period without a limit", () => {
    expect(keyControlsForm.parse({ spendLimit: "", spendPeriod: "DAY", expiresOn: "", allowedIps: "" })).toEqual({
      spendLimit: null, spendPeriod: null, expiresAt: null, allowedIps: [], allowedModels: [],
    });
  });

  it("names the field at fault with a message a person can act on", () => {
    expect(errorsOf({ spendLimit: "five" })).toEqual({ spendLimit: "Enter a dollar amount, e.g. 5 or 12.50." });
    expect(errorsOf({ spendLimit: "0" })?.spendLimit).toMatch(/above \$0/);
    expect(errorsOf({ expiresOn: "2020-01-01" })).toEqual({ expiresOn: "Choose a date after today (UTC), or leave it empty to never expire." });
    expect(errorsOf({ expiresOn: "2026-02-30" })).toEqual({ expiresOn: "Enter a date as YYYY-MM-DD." });
    expect(errorsOf({ allowedIps: "10.0.0.1, 10.0.0.0/33" })).toEqual({ allowedIps: '"10.0.0.0/33" is not an IP address or CIDR range (e.g. 203.0.113.7 or 10.0.0.0/8).' });
    expect(errorsOf({ allowedIps: "example.com" })?.allowedIps).toMatch(/example\.com/);
  });
});
