/**
 * The email tests' SMTP side: a real SMTP server (smtp-server) on port 0 that keeps what arrived
 * (parsed with mailparser) and can be told to refuse a recipient with a reply code, and helpers to
 * run the delivery job against it on a clock the test moves.
 */
import type { AddressInfo } from "node:net";
import { type Database, emailOutbox, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { type DeliveryReport, deliverDueEmails } from "../src/email/delivery.job.js";
import type { Mailbox } from "../src/email/mailbox.js";
import { createMailer, type Mailer } from "../src/email/mailer.js";

export const TEST_FROM: Mailbox = { name: "Partner Console", address: "no-reply@console.test" };

export interface Arrived {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/** What the server answers a recipient: null accepts it; otherwise an SMTP reply code and text. */
export type RecipientReply = (to: string) => { code: number; message: string } | null;

export interface TestSmtpServer {
  url: string;
  port: number;
  arrived: Arrived[];
  /** Recipients the server was asked about (RCPT TO), in order, accepted or not. */
  asked: string[];
  reply: RecipientReply;
  /** Milliseconds each message's DATA takes (to make concurrent runs overlap). */
  dataDelayMs: number;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { user?: string; password?: string } = {}): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    url: "",
    port: 0,
    arrived: [],
    asked: [],
    reply: () => null,
    dataDelayMs: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    logger: false,
    // Plain SMTP on loopback: no STARTTLS offered (its default certificate is self-signed).
    disabledCommands: ["STARTTLS"],
    authOptional: !options.user,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      state.asked.push(address.address);
      const answer = state.reply(address.address);
      if (!answer) return callback();
      const error = new Error(answer.message) as Error & { responseCode: number };
      error.responseCode = answer.code;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        await new Promise((resolve) => setTimeout(resolve, state.dataDelayMs));
        state.arrived.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, parsed: await simpleParser(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.user ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? "")}@` : "";
  state.port = port;
  state.url = `smtp://${auth}127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** The delivery job's work, on a clock the test controls, with no jitter (random 0.5: the delays exactly). */
export function deliveryRunner(db: Database, mailer: Mailer) {
  let clock = new Date(Date.now() + 1000);
  return {
    now: () => clock,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    run(options: { batchSize?: number } = {}): Promise<DeliveryReport> {
      return deliverDueEmails({ db, mailer, from: TEST_FROM, now: () => clock, random: () => 0.5, ...options });
    },
  };
}

export function testMailer(server: TestSmtpServer): Mailer {
  return createMailer({ url: server.url, timeoutMs: 5_000 });
}

/** The outbox as the system sees it (every row). */
export function outboxRows(db: Database) {
  return withRlsContext(db, SYSTEM_CONTEXT, (tx) => tx.select().from(emailOutbox));
}

export function clearOutbox(db: Database) {
  return withRlsContext(db, SYSTEM_CONTEXT, (tx) => tx.delete(emailOutbox));
}
