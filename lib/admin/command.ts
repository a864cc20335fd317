// What an operator command is, and the option parsing every command shares.
import type { Plan } from "../generated/prisma/enums";
import { parseUsd } from "../money";

/** A mistake in the command line: the CLI prints it on one line and exits 2 (usage). */
export class UsageError extends Error {}

/** A bad value or a refused action: the CLI prints it on one line and exits 1. */
export class InputError extends Error {}

export type OptionSpec = { type: "string" | "boolean"; description: string };
export type Values = Record<string, string | boolean | undefined>;

/** What a command did: JSON for `--json`, lines for people; `ok: false` exits 1. */
export type Outcome = { ok: boolean; data: Record<string, unknown>; lines: string[] };

export type CommandSpec<Input> = {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Check the options before any database work; throw UsageError or InputError. */
  parse: (values: Values) => Input;
  run: (input: Input) => Promise<Outcome>;
};

/** A command as the CLI sees it: check the options now, get the work to run once the database is up. */
export type AdminCommand = Omit<CommandSpec<unknown>, "parse" | "run"> & { check: (values: Values) => () => Promise<Outcome> };

/** Turn a spec into a command, keeping its input type between parse and run. */
export function defineCommand<Input>(spec: CommandSpec<Input>): AdminCommand {
  const { parse, run, ...about } = spec;
  return { ...about, check: (values) => {
    const input = parse(values);
    return () => run(input);
  } };
}

/** A string option that must be present and non-blank. */
export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || !value.trim()) throw new UsageError(`--${name} is required.`);
  return value.trim();
}

/** An optional string option, trimmed. */
export function optional(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value.trim() : undefined;
}

const PLANS: Record<string, Plan> = { free: "FREE", pro: "PRO", enterprise: "ENTERPRISE" };

/** --plan free|pro|enterprise as the Plan enum. */
export function parsePlan(value: string): Plan {
  const plan = PLANS[value.toLowerCase()];
  if (!plan) throw new InputError(`--plan must be free, pro or enterprise, not "${value}".`);
  return plan;
}

/** --credits as nano-dollars (a decimal dollar amount, up to 9 decimals). */
export function parseCredits(value: string): bigint {
  try {
    return parseUsd(value);
  } catch {
    throw new InputError(`--credits must be a dollar amount such as 5, 12.50 or -2 (up to 9 decimals), not "${value}".`);
  }
}

/** A positive whole-number option, or undefined when absent. */
export function positiveInt(values: Values, name: string): number | undefined {
  const value = optional(values, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InputError(`--${name} must be a whole number of at least 1, not "${value}".`);
  return n;
}
