// The operator CLI: pick the command, check its options, let the caller bring the
// database up, run, print text or --json. Exit 0 done, 1 refused/failed, 2 usage.
import { parseArgs } from "node:util";
import { AccountError } from "../accounts/create";
import { KeyLimitError } from "../keys/store";
import { env } from "../env";
import { InputError, UsageError, type AdminCommand, type Outcome, type Values } from "./command";
import { createUser } from "./create-user";
import { createKey } from "./create-key";
import { grant } from "./grant";
import { setPlan } from "./set-plan";
import { ledgerCheck } from "./ledger-check";
import { setRole } from "./set-role";
import { suspend, unsuspend } from "./suspend";
import { revokeKey } from "./revoke-key";
import { listUsers, showUser } from "./list-users";
import { modelList, modelSet } from "./models";
import { audit } from "./audit";
import { ChannelError } from "../channels";
import { channelAdd } from "./channel-add";
import { channelList } from "./channel-list";
import { channelSet } from "./channel-set";
import { channelDisable, channelEnable, channelRemove } from "./channel-state";
import { channelTest } from "./channel-test";

export type Io = { out: (line: string) => void; err: (line: string) => void };
/** Bring the database up; resolves to the function that shuts it down. */
export type Prepare = () => Promise<() => Promise<void>>;

const COMMANDS: AdminCommand[] = [
  createUser, createKey, grant, setPlan, ledgerCheck,
  listUsers, showUser, setRole, suspend, unsuspend, revokeKey, modelList, modelSet, audit,
  channelAdd, channelList, channelSet, channelDisable, channelEnable, channelRemove, channelTest,
];

/** The usage text: every command with its options. */
export function usage(): string {
  const lines = ["Usage: npm run admin -- <command> [options]", "", "Commands:"];
  for (const command of COMMANDS) {
    lines.push(`  ${command.name}`, `      ${command.summary}`);
    for (const [name, spec] of Object.entries(command.options)) {
      lines.push(`      --${(spec.type === "string" ? `${name} <value>` : name).padEnd(22)} ${spec.description}`);
    }
  }
  lines.push(
    "  help",
    "      Show this text.",
    "",
    "Every command takes --json to print one JSON object instead of text. Negative amounts: --credits -2 or --credits=-2.",
    "Exit status: 0 done, 1 refused (unknown account, duplicate e-mail, bad value) or drift found, 2 usage error.",
  );
  return lines.join("\n");
}

/** `--credits -2` as `--credits=-2`, which parseArgs would otherwise take for a flag. */
function attachNegativeNumbers(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (args[i].startsWith("--") && !args[i].includes("=") && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

function parseOptions(command: AdminCommand, args: string[]): Values {
  const options = Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }]));
  try {
    const { values } = parseArgs({ args: attachNegativeNumbers(args), options: { ...options, json: { type: "boolean" } }, strict: true });
    return values as Values;
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
}

/** Print an error on one line; the exit status it deserves. */
function report(err: unknown, command: string | undefined, io: Io): number {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError) {
    io.err(`error: ${message} Run \`npm run admin -- help\` for ${command ? `${command}'s options` : "the commands"}.`);
    return 2;
  }
  io.err(`error: ${message}`);
  const expected = err instanceof InputError || err instanceof AccountError || err instanceof KeyLimitError || err instanceof ChannelError;
  if (!expected && err instanceof Error && env().LOG_LEVEL === "debug") io.err(err.stack ?? "");
  return 1;
}

/** Run one command line (without the program name); resolves to the exit status. */
export async function runAdmin(argv: string[], io: Io, prepare: Prepare): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") io.out(usage());
    else io.err(`error: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  let json = false;
  let work: () => Promise<Outcome>;
  try {
    const values = parseOptions(command, args);
    json = values.json === true;
    work = command.check(values);
  } catch (err) {
    return report(err, name, io);
  }
  let shutdown: (() => Promise<void>) | undefined;
  try {
    shutdown = await prepare();
    const outcome = await work();
    if (json) io.out(JSON.stringify({ ok: outcome.ok, ...outcome.data }));
    else outcome.lines.forEach((line) => io.out(line));
    return outcome.ok ? 0 : 1;
  } catch (err) {
    return report(err, name, io);
  } finally {
    await shutdown?.();
  }
}
