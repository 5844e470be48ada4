/**
 * Sends mail over SMTP with nodemailer, from SMTP_URL (smtp:// upgrades with STARTTLS when the
 * server offers it; smtps:// is TLS from the start). Failures are classified for the delivery
 * job: a 5xx reply is permanent (the address or the message is refused: retrying cannot help),
 * anything else (4xx, a lost connection, a timeout, an authentication problem that a fixed setting
 * cures) is temporary. Error text kept for the outbox is short and never holds the URL or a password.
 */
import { createTransport } from "nodemailer";
import type { Mailbox } from "./mailbox.js";

export interface OutgoingMail {
  /** Our own Message-ID, the same on every attempt, so a receiver can drop a duplicate. */
  messageId: string;
  from: Mailbox;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  url: string;
  /** Per connection step (connect, greeting, idle socket); the default suits a remote relay. */
  timeoutMs?: number;
}

export function createMailer({ url, timeoutMs = 30_000 }: MailerOptions): Mailer {
  const transport = createTransport({
    url,
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // Nothing we send refers to files or URLs to embed; refuse them outright.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        messageId: mail.messageId,
        from: { name: mail.from.name, address: mail.from.address },
        to: mail.to,
        replyTo: mail.replyTo ?? undefined,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        // RFC 3834: automatic notices; auto-responders should not answer them.
        headers: { "Auto-Submitted": "auto-generated" },
      });
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}

export interface DeliveryFailure {
  permanent: boolean;
  /** For the outbox: "550 5.1.1 No such user" or "ECONNECTION: connection refused", at most 300 characters. */
  summary: string;
}

const MAX_SUMMARY = 300;

/** Removes anything that looks like credentials in a URL (smtp://user:pass@host). */
function scrub(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1…@")
    .replace(/\s+/g, " ")
    .trim();
}

export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const details = (error ?? {}) as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const responseCode = typeof details.responseCode === "number" ? details.responseCode : null;
  const code = typeof details.code === "string" ? details.code : null;
  const reply = typeof details.response === "string" ? details.response : null;
  const message = typeof details.message === "string" ? details.message : String(error);
  const summary = scrub(responseCode !== null ? (reply ?? `${responseCode} ${message}`) : `${code ? `${code}: ` : ""}${message}`).slice(
    0,
    MAX_SUMMARY,
  );
  // A refused login is the operator's setting to fix, not the recipient's fault: keep retrying.
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600 && code !== "EAUTH";
  return { permanent, summary };
}
