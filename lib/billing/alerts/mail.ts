// The e-mails about an account's balance: below the threshold, empty, and a declined auto top-up.
import { publicUrl } from "../../env";
import { sendMail } from "../../mail";
import { formatMoney } from "../../money-format";

function billingLink(): string {
  return `${publicUrl()}/dashboard/billing`;
}

/** Tell an account its balance fell below its threshold (level 1) or reached zero (level 2). */
export async function mailBalanceAlert(to: string, level: 1 | 2, balance: bigint, threshold: bigint): Promise<void> {
  if (level === 2) {
    await sendMail({
      to,
      subject: "Your SIB AI balance is empty",
      text: `Your SIB AI credit balance is ${formatMoney(balance)}. API calls are answered 402 (insufficient_credits) until you add credits.\n\nAdd credits or turn on auto top-up: ${billingLink()}`,
    });
    return;
  }
  await sendMail({
    to,
    subject: `Your SIB AI balance is below ${formatMoney(threshold)}`,
    text: `Your SIB AI credit balance is ${formatMoney(balance)}, below the ${formatMoney(threshold)} you asked to be told about.\nWhen it reaches zero, API calls are answered 402 until you add credits.\n\nAdd credits, turn on auto top-up or change this alert: ${billingLink()}`,
  });
}

/** Tell an account its card was declined for an auto top-up, which is now off. */
export async function mailTopupDeclined(to: string, amount: bigint, reason: string): Promise<void> {
  await sendMail({
    to,
    subject: "Your SIB AI auto top-up was declined",
    text: `We tried to add ${formatMoney(amount)} to your SIB AI balance with your saved card, and the payment was declined (${reason}).\nAuto top-up is now off, so nothing more will be charged.\n\nAdd credits or save another card: ${billingLink()}`,
  });
}
