/**
 * Email delivery over real SMTP: a server from smtp-server on port 0 receives what the delivery job
 * sends (nodemailer), and the tests read the parsed message. A branded invitation arrives; a 451 is
 * retried with backoff and then delivered; a 550 fails at once; two runs at once send each row
 * once (FOR UPDATE SKIP LOCKED; on PostgreSQL also past another transaction's row locks); a row
 * left `sending` by a stopped process is taken over after its lease; HTML escapes a tenant name.
 */
import type { Database } from "@pc/db";
import { emailOutbox, SYSTEM_CONTEXT, withRlsContext } from "@pc/db";
import { eq, inArray } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { operatorBrand } from "../src/email/brand.js";
import { EMAIL_LEASE_MS, EMAIL_MAX_ATTEMPTS, EMAIL_RETRY_DELAYS_MS, retryDelayMs } from "../src/email/delivery.job.js";
import { classifyDeliveryError, createMailer, type Mailer } from "../src/email/mailer.js";
import { enqueueEmail } from "../src/email/outbox.js";
import { renderEmail } from "../src/email/templates/layout.js";
import { loadEnv } from "../src/env.js";
import { clearOutbox, deliveryRunner, outboxRows, startSmtpServer, TEST_FROM, type TestSmtpServer, testMailer } from "./email-fixtures.js";
import { createHarness, type Harness, PUBLIC_URL } from "./harness.js";

const MINUTE = 60_000;
let h: Harness;
let smtp: TestSmtpServer;
let mailer: Mailer;

beforeAll(async () => {
  h = await createHarness();
  smtp = await startSmtpServer({ user: "console", password: "s3cret-smtp-password" });
  mailer = testMailer(smtp);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await h.close();
});
beforeEach(async () => {
  await clearOutbox(h.db.db);
  smtp.arrived.length = 0;
  smtp.asked.length = 0;
  smtp.reply = () => null;
  smtp.dataDelayMs = 0;
});

/** Queues `count` plain operator mails to distinct addresses; answers their ids. */
async function queueMails(count: number, prefix = "person"): Promise<string[]> {
  return withRlsContext(h.db.db, SYSTEM_CONTEXT, async (tx) => {
    const db = tx as Database;
    const brand = await operatorBrand(db);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const content = renderEmail(brand, { subject: `Mail ${i}`, preheader: "", heading: `Mail ${i}`, paragraphs: ["Hello."] });
      const id = await enqueueEmail(db, {
        to: `${prefix}${i}@example.test`,
        kind: "invitation",
        audience: "operator",
        tenantId: null,
        brand,
        content,
      });
      if (id) ids.push(id);
    }
    return ids;
  });
}

async function rowOf(id: string) {
  const [row] = await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.id, id)));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

describe("an invitation", () => {
  it("arrives over SMTP with the tenant's branding, its link, and our Message-ID", async () => {
    const admin = await h.as("admin@northwave.test");
    const invitation = await admin.caller.team.invite({ email: "new.colleague@example.test", role: "partner_viewer" });
    const delivery = deliveryRunner(h.db.db, mailer);
    expect(await delivery.run()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(smtp.arrived).toHaveLength(1);
    const mail = smtp.arrived[0]?.parsed;
    expect(smtp.arrived[0]?.to).toEqual(["new.colleague@example.test"]);
    expect(mail?.subject).toBe("You are invited to the Partner Console for Northwave Records");
    expect(mail?.from?.value).toEqual([{ name: "Northwave Records", address: TEST_FROM.address }]);
    expect(mail?.replyTo?.value).toEqual([{ name: "", address: "support@northwave.test" }]);
    expect(mail?.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail?.text).toContain(invitation.url);
    expect(mail?.text).toContain("Nora Berg (admin@northwave.test) invited you to the Partner Console as Partner viewer");
    expect(mail?.text).toContain("Powered by Masterchannel");
    // The HTML: the tenant's light primary colour, its hosted logo, the link as the button.
    const html = String(mail?.html);
    expect(html).toContain("border-top:6px solid #1f6feb");
    expect(html).toMatch(new RegExp(`<img src="${PUBLIC_URL}/api/public/assets/northwave/[0-9a-f-]{36}" alt="Northwave Records"`));
    expect(html).toContain(`<a href="${invitation.url}"`);

    const [row] = await outboxRows(h.db.db);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, tenantId: h.tenantIds.northwave, audience: "tenant" });
    expect(row?.messageId).toBe(`<${row?.id}@console.test>`);
    expect(mail?.messageId).toBe(row?.messageId);
    expect(row?.sentAt).toEqual(delivery.now());
    // Delivered: the stored copy no longer holds the link's token (the mail did).
    const token = invitation.url.split("/invite/")[1] as string;
    expect(row?.bodyText).not.toContain(token);
    expect(row?.bodyHtml).not.toContain(token);
    expect(row?.bodyText).toContain(`${PUBLIC_URL}/invite/[removed after delivery]`);
    expect(mail?.text).toContain(token);
    // Nothing is due any more: a second run sends nothing.
    expect(await delivery.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.arrived).toHaveLength(1);
  });
});

describe("retries", () => {
  it("answers a 451 by trying again after the backoff, then delivers", async () => {
    const [id] = await queueMails(1);
    let refusals = 1;
    smtp.reply = () => (refusals-- > 0 ? { code: 451, message: "4.7.1 Greylisted, try again later" } : null);
    const delivery = deliveryRunner(h.db.db, mailer);

    expect(await delivery.run()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await rowOf(id as string);
    expect(row).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(row.lastError).toMatch(/^451 .*Greylisted/);
    expect(row.nextAttemptAt.getTime() - delivery.now().getTime()).toBe(MINUTE);

    delivery.advance(MINUTE - 1000);
    expect(await delivery.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    delivery.advance(1000);
    expect(await delivery.run()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await rowOf(id as string);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(smtp.arrived.map((mail) => mail.to)).toEqual([["person0@example.test"]]);
  });

  it("backs off 1 min, 5 min, 30 min, 2 h, 12 h and then fails the row", async () => {
    const [id] = await queueMails(1);
    smtp.reply = () => ({ code: 452, message: "4.2.2 Mailbox full" });
    const delivery = deliveryRunner(h.db.db, mailer);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= EMAIL_MAX_ATTEMPTS; attempt++) {
      await delivery.run();
      const row = await rowOf(id as string);
      expect(row.attempts).toBe(attempt);
      if (row.status === "failed") break;
      waits.push(row.nextAttemptAt.getTime() - delivery.now().getTime());
      delivery.advance(row.nextAttemptAt.getTime() - delivery.now().getTime());
    }
    expect(waits).toEqual([...EMAIL_RETRY_DELAYS_MS]);
    expect(await rowOf(id as string)).toMatchObject({ status: "failed", attempts: 6 });
    expect(smtp.asked).toHaveLength(6);
    delivery.advance(24 * 60 * MINUTE);
    expect(await delivery.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("jitters each wait by at most 20 %", () => {
    expect(retryDelayMs(1, () => 0)).toBe(0.8 * MINUTE);
    expect(retryDelayMs(1, () => 1)).toBe(1.2 * MINUTE);
    expect(retryDelayMs(5, () => 0.5)).toBe(12 * 60 * MINUTE);
    expect(retryDelayMs(6, () => 0.5)).toBeNull();
  });

  it("fails a 550 at once, and tries no more", async () => {
    const [bad, good] = await queueMails(2);
    smtp.reply = (to) => (to === "person0@example.test" ? { code: 550, message: "5.1.1 No such user here" } : null);
    const delivery = deliveryRunner(h.db.db, mailer);
    expect(await delivery.run()).toEqual({ sent: 1, retrying: 0, failed: 1 });
    expect(await rowOf(bad as string)).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect((await rowOf(bad as string)).lastError).toMatch(/^550 .*No such user/);
    expect(await rowOf(good as string)).toMatchObject({ status: "sent" });
    delivery.advance(48 * 60 * MINUTE);
    expect(await delivery.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.asked.filter((to) => to === "person0@example.test")).toHaveLength(1);
  });

  it("keeps trying when the server cannot be reached, and never records the SMTP password", async () => {
    const [id] = await queueMails(1);
    const closed = await startSmtpServer();
    const port = closed.port;
    await closed.close();
    const unreachable = createMailer({ url: `smtp://console:s3cret-smtp-password@127.0.0.1:${port}`, timeoutMs: 2_000 });
    try {
      const delivery = deliveryRunner(h.db.db, unreachable);
      expect(await delivery.run()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    } finally {
      unreachable.close();
    }
    const row = await rowOf(id as string);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(row.lastError).not.toContain("s3cret");
  });

  it("takes over a row left sending by a stopped process once its lease ends", async () => {
    const [id] = await queueMails(1);
    const delivery = deliveryRunner(h.db.db, mailer);
    // As a process that claimed the row and stopped before sending would leave it.
    const leaseEnd = new Date(delivery.now().getTime() + EMAIL_LEASE_MS);
    await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) =>
      tx
        .update(emailOutbox)
        .set({ status: "sending", attempts: 1, nextAttemptAt: leaseEnd })
        .where(eq(emailOutbox.id, id as string)),
    );
    expect(await delivery.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    delivery.advance(EMAIL_LEASE_MS);
    expect(await delivery.run()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await rowOf(id as string)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("several delivery runs at once", () => {
  it("send each row exactly once", async () => {
    const ids = await queueMails(24);
    smtp.dataDelayMs = 15;
    const first = deliveryRunner(h.db.db, mailer);
    const second = createMailer({ url: smtp.url, timeoutMs: 5_000 });
    try {
      const other = deliveryRunner(h.db.db, second);
      const reports = await Promise.all([first.run({ batchSize: 3 }), other.run({ batchSize: 3 }), first.run({ batchSize: 3 })]);
      expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(24);
    } finally {
      second.close();
    }
    const received = smtp.arrived.map((mail) => mail.to[0]);
    expect(received).toHaveLength(24);
    expect(new Set(received).size).toBe(24);
    const rows = await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) => tx.select().from(emailOutbox).where(inArray(emailOutbox.id, ids)));
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("skips rows another transaction holds locked instead of waiting or sending them twice (PostgreSQL)", async () => {
    const ids = await queueMails(6, "locked");
    if (h.db.kind !== "postgres" || !h.db.url) {
      // PGlite is one connection: no second transaction can hold a lock meanwhile. The claim is the
      // same SQL; the test above still shows overlapping runs sending each row once.
      expect(h.db.kind).toBe("pglite");
      return;
    }
    const other = new pg.Client({ connectionString: h.db.url });
    await other.connect();
    try {
      // Another process's claim in progress: three rows locked by an open transaction.
      await other.query("begin");
      await other.query("select id from email_outbox where id = any($1::uuid[]) for update", [ids.slice(0, 3)]);
      const delivery = deliveryRunner(h.db.db, mailer);
      const started = Date.now();
      expect(await delivery.run()).toEqual({ sent: 3, retrying: 0, failed: 0 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(smtp.arrived.map((mail) => mail.to[0]).sort()).toEqual([
        "locked3@example.test",
        "locked4@example.test",
        "locked5@example.test",
      ]);
      await other.query("commit");
      expect(await delivery.run()).toEqual({ sent: 3, retrying: 0, failed: 0 });
      expect(new Set(smtp.arrived.map((mail) => mail.to[0])).size).toBe(6);
      expect(smtp.arrived).toHaveLength(6);
    } finally {
      await other.end();
    }
  });
});

describe("escaping", () => {
  it("escapes a tenant name like <script> in the HTML, and keeps it as written in the text", async () => {
    const operator = await h.as("admin@masterchannel.test");
    const name = `<script>alert("x")</script> & "Co"`;
    const tenant = await operator.caller.tenants.create({ name, slug: "script-co" });
    await operator.caller.users.invite({ email: "owner@script-co.test", role: "partner_admin", tenantId: tenant.id });
    const [row] = await outboxRows(h.db.db);
    expect(row?.tenantId).toBe(tenant.id);
    expect(row?.bodyHtml).not.toContain("<script");
    expect(row?.bodyHtml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;");
    expect(row?.bodyText).toContain(name);

    expect(await deliveryRunner(h.db.db, mailer).run()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const mail = smtp.arrived[0]?.parsed;
    expect(mail?.subject).toBe(`You are invited to the Partner Console for ${name}`);
    expect(mail?.from?.value[0]?.name).toBe(name);
    expect(String(mail?.html)).not.toContain("<script");
  });
});

describe("SMTP errors and settings", () => {
  it("tells permanent replies (5xx) from temporary ones", () => {
    expect(classifyDeliveryError(Object.assign(new Error("x"), { responseCode: 550, response: "550 5.1.1 No such user" }))).toEqual({
      permanent: true,
      summary: "550 5.1.1 No such user",
    });
    expect(classifyDeliveryError(Object.assign(new Error("x"), { responseCode: 452, response: "452 4.2.2 Mailbox full" })).permanent).toBe(
      false,
    );
    // A refused login is a setting to fix: not the recipient's fault, so not final.
    expect(classifyDeliveryError(Object.assign(new Error("Invalid login"), { code: "EAUTH", responseCode: 535 })).permanent).toBe(false);
    expect(classifyDeliveryError(Object.assign(new Error("connect ECONNREFUSED smtp://u:pw@host"), { code: "ECONNECTION" })).summary).toBe(
      "ECONNECTION: connect ECONNREFUSED smtp://…@host",
    );
  });

  it("accepts smtp:// and smtps:// URLs, refuses others without echoing them, and defaults MAIL_FROM", () => {
    const env = loadEnv({ SMTP_URL: "smtps://user:pw@smtp.example.com:465", PUBLIC_URL: "https://console.example.com" });
    expect(env.SMTP_URL).toBe("smtps://user:pw@smtp.example.com:465");
    expect(env.mailFrom).toEqual({ name: "Partner Console", address: "no-reply@console.example.com" });
    expect(loadEnv({ MAIL_FROM: '"Masterchannel" <hello@masterchannel.test>' }).mailFrom).toEqual({
      name: "Masterchannel",
      address: "hello@masterchannel.test",
    });
    expect(() => loadEnv({ SMTP_URL: "http://user:topsecret@mail.example.com" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\//);
    try {
      loadEnv({ SMTP_URL: "http://user:topsecret@mail.example.com" });
    } catch (error) {
      expect(String(error)).not.toContain("topsecret");
    }
    expect(() => loadEnv({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM must be one address/);
  });
});

afterEach(() => {
  smtp.reply = () => null;
});
