// Outgoing e-mail through SMTP_URL. Without SMTP, the message goes to the server log
// (development and self-hosted installs without mail).
import type { Transporter } from "nodemailer";
import { env } from "./env";
import { log } from "./log";

export type Mail = { to: string; subject: string; text: string };

const globalForMail = globalThis as unknown as { __sibMailer?: { url: string; transport: Transporter } };

/** Send a plain-text message, or print it to the log when SMTP is not configured. */
export async function sendMail(mail: Mail): Promise<void> {
  const e = env();
  if (!e.SMTP_URL) {
    log.info(`[mail] SMTP_URL not set; message for ${mail.to}:\n  Subject: ${mail.subject}\n  ${mail.text.replace(/\n/g, "\n  ")}`);
    return;
  }
  if (globalForMail.__sibMailer?.url !== e.SMTP_URL) {
    const { default: nodemailer } = await import("nodemailer"); // loaded on the first message sent
    globalForMail.__sibMailer = { url: e.SMTP_URL, transport: nodemailer.createTransport(e.SMTP_URL) };
  }
  await globalForMail.__sibMailer.transport.sendMail({ from: e.EMAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}
