// A key's controls as its owner sets them (dashboard, create and edit): a spend limit per
// UTC day, UTC month or in total, an expiry date, the models it may call, the addresses it
// may be used from. Parsed from a form here; stored, and every instance told, in store.ts.
import { z } from "zod";
import { parseAddressList } from "../client-address";
import { SpendPeriod } from "../generated/prisma/enums";
import { parseUsd } from "../money";
import { MODEL_FIELD } from "./form-fields";

export type KeyControlsInput = {
  spendLimit: bigint | null;
  spendPeriod: SpendPeriod | null;
  expiresAt: Date | null;
  allowedModels: string[];
  allowedIps: string[];
};

/** A key without controls: no limit, no expiry, every model, any address. */
export const NO_CONTROLS: KeyControlsInput = { spendLimit: null, spendPeriod: null, expiresAt: null, allowedModels: [], allowedIps: [] };

/** The largest spend limit accepted: $1,000,000. */
const MAX_LIMIT = parseUsd("1000000");

const spendLimit = z.string().trim().optional().transform((value, ctx) => {
  if (!value) return null;
  let nano: bigint;
  try {
    nano = parseUsd(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "Enter a dollar amount, e.g. 5 or 12.50." });
    return z.NEVER;
  }
  if (nano <= 0n || nano > MAX_LIMIT) {
    ctx.addIssue({ code: "custom", message: "Enter an amount above $0 and at most $1,000,000, or leave it empty for no limit." });
    return z.NEVER;
  }
  return nano;
});

/** The expiry date (YYYY-MM-DD): the key stops working at 00:00 UTC of that day, which must be after today. */
const expiresOn = z.string().trim().optional().transform((value, ctx) => {
  if (!value) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    ctx.addIssue({ code: "custom", message: "Enter a date as YYYY-MM-DD." });
    return z.NEVER;
  }
  if (date.getTime() <= Date.now()) {
    ctx.addIssue({ code: "custom", message: "Choose a date after today (UTC), or leave it empty to never expire." });
    return z.NEVER;
  }
  return date;
});

/** Addresses and CIDR ranges, separated by commas, spaces or lines; each must parse. */
const allowedIps = z.string().optional().transform((value, ctx) => {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    try {
      parseAddressList(entry);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range (e.g. 203.0.113.7 or 10.0.0.0/8).` });
      return z.NEVER;
    }
  }
  if (entries.length > 100) {
    ctx.addIssue({ code: "custom", message: "List at most 100 addresses or ranges." });
    return z.NEVER;
  }
  return [...new Set(entries)];
});

/** The controls part of a key form: spendLimit (USD), spendPeriod, expiresOn, allowedIps, and one `model.<id>` checkbox per model. */
export const keyControlsForm = z
  .looseObject({ spendLimit, spendPeriod: z.enum(SpendPeriod).default("MONTH"), expiresOn, allowedIps })
  .transform((form): KeyControlsInput => ({
    spendLimit: form.spendLimit,
    spendPeriod: form.spendLimit === null ? null : form.spendPeriod,
    expiresAt: form.expiresOn,
    allowedIps: form.allowedIps,
    allowedModels: Object.keys(form).filter((k) => k.startsWith(MODEL_FIELD)).map((k) => k.slice(MODEL_FIELD.length)).sort(),
  }));
