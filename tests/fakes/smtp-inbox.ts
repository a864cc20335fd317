// A real SMTP server (smtp-server) that keeps every message it accepts, parsed (mailparser):
// point SMTP_URL at `url` and assert on what the app mailed. Plain SMTP on 127.0.0.1, no
// STARTTLS or AUTH, as a local relay would accept it; the protocol itself is smtp-server's.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string; receivedAt: Date };

/** A running inbox. */
export type SmtpInbox = {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Messages to `address`, in arrival order. */
  to(address: string): ReceivedMail[];
  /** Wait (up to `timeoutMs`) until `count` messages to `address` arrived; returns them. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

/** Start an inbox on a free port of 127.0.0.1; `onMail` also sees each message as it arrives. */
export async function startSmtpInbox(onMail: (mail: ReceivedMail) => void = () => undefined): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const received: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            receivedAt: new Date(),
          };
          messages.push(received);
          onMail(received);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => messages.filter((m) => m.to.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to,
    async waitFor(address, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (to(address).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s) to ${address} within ${timeoutMs} ms; got ${to(address).length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return to(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
