// A channel refused for a credential or balance reason: out of service at once on this
// instance, disabled in the database for every instance until an operator acts, a
// warning in the log and, with SMTP configured, an e-mail to the operators.
import { env } from "../env";
import { log } from "../log";
import { sendMail } from "../mail";
import type { RuntimeChannel } from "./runtime";
import { disableChannel } from "./store";

/** Take `channel` out of service for `reason` (the upstream's words stay with the operator). */
export async function disableRefusedChannel(channel: RuntimeChannel, reason: string): Promise<void> {
  channel.enabled = false;
  channel.disabledReason = reason;
  log.warn(`channel ${channel.name} disabled: ${reason}. Fix its key or balance, then \`npm run admin -- channel-enable --name ${channel.name}\`.`);
  const work: Promise<unknown>[] = [];
  if (channel.source === "database") work.push(disableChannel(channel.name, reason));
  const config = env();
  const operators = (config.OPERATOR_EMAILS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (config.SMTP_URL) {
    for (const to of operators) {
      work.push(sendMail({ to, subject: `SIB AI: channel ${channel.name} disabled`, text: `The upstream refused channel ${channel.name} (${channel.provider}, ${channel.baseUrl}): ${reason}\n\nRequests fail over to the other channels. Fix the key or the balance, then run:\n  npm run admin -- channel-enable --name ${channel.name}` }));
    }
  }
  const results = await Promise.allSettled(work);
  for (const r of results) if (r.status === "rejected") log.error(`channel ${channel.name}: ${(r.reason as Error).message}`);
}
