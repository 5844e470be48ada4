/**
 * Each mail the console sends, queued by the real flow that causes it, with the right recipients,
 * audience and tenant: an invitation (and its cancellation when replaced or revoked), a material
 * policy version published (and withdrawn), a payout failing through the webhook path, and a
 * data-subject request close to or past its deadline. Then the outbox page: who sees which mail
 * (RLS included), paging, the preview, and "retry now".
 */
import { auditEvents, type Database, emailOutbox, payouts, SYSTEM_CONTEXT, stripeEvents, withRlsContext } from "@pc/db";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { operatorBrand } from "../src/email/brand.js";
import { enqueueEmail } from "../src/email/outbox.js";
import { enqueueSubjectRequestDeadlines } from "../src/email/subject-request-deadlines.job.js";
import { renderEmail } from "../src/email/templates/layout.js";
import { formatPayoutAmount } from "../src/email/templates/payout-failed.js";
import { clearOutbox, outboxRows } from "./email-fixtures.js";
import { codeOf } from "./expect-code.js";
import { type Client, createHarness, type Harness, PUBLIC_URL } from "./harness.js";
import { buy, onboard, paymentsApp } from "./payments-fixtures.js";

const DAY = 86_400_000;
let h: Harness;
let operatorAdmin: Client;
let compliance: Client;
let finance: Client;
let northwaveAdmin: Client;

beforeAll(async () => {
  h = await createHarness();
  operatorAdmin = await h.as("admin@masterchannel.test");
  compliance = await h.as("compliance@masterchannel.test");
  finance = await h.as("finance@masterchannel.test");
  northwaveAdmin = await h.as("admin@northwave.test");
});
afterAll(() => h.close());
beforeEach(() => clearOutbox(h.db.db));

/** The rows as [to, kind, audience, tenant slug or null, status], sorted. */
async function summary() {
  const slugOf = Object.fromEntries(Object.entries(h.tenantIds).map(([slug, id]) => [id, slug]));
  return (await outboxRows(h.db.db))
    .map((row) => [row.toEmail, row.kind, row.audience, row.tenantId ? (slugOf[row.tenantId] ?? row.tenantId) : null, row.status])
    .sort((a, b) => String(a).localeCompare(String(b)));
}

describe("invitation mails", () => {
  it("queues a partner's invitation as its tenant's mail, and a staff invitation as operator mail", async () => {
    const invitation = await northwaveAdmin.caller.team.invite({ email: "colleague@example.test", role: "partner_viewer" });
    await operatorAdmin.caller.users.invite({ email: "new.compliance@example.test", role: "compliance" });
    expect(await summary()).toEqual([
      ["colleague@example.test", "invitation", "tenant", "northwave", "pending"],
      ["new.compliance@example.test", "invitation", "operator", null, "pending"],
    ]);
    const rows = await outboxRows(h.db.db);
    const partner = rows.find((row) => row.toEmail === "colleague@example.test");
    expect(partner).toMatchObject({
      dedupeKey: `invitation:${invitation.invitationId}`,
      fromName: "Northwave Records",
      replyTo: "support@northwave.test",
      subject: "You are invited to the Partner Console for Northwave Records",
    });
    expect(partner?.bodyText).toContain(invitation.url);
    expect(rows.find((row) => row.audience === "operator")).toMatchObject({
      fromName: "Masterchannel AS",
      subject: "You are invited to the Partner Console for Masterchannel AS",
    });
  });

  it("cancels an unsent invitation mail when a new invitation replaces it or it is revoked", async () => {
    const first = await northwaveAdmin.caller.team.invite({ email: "twice@example.test", role: "partner_viewer" });
    const second = await northwaveAdmin.caller.team.invite({ email: "twice@example.test", role: "partner_admin" });
    const byInvitation = async (id: string) =>
      (await outboxRows(h.db.db)).find((row) => (row.metadata as { invitationId?: string }).invitationId === id);
    expect(await byInvitation(first.invitationId)).toMatchObject({
      status: "cancelled",
      lastError: "a newer invitation replaced this one",
    });
    expect(await byInvitation(second.invitationId)).toMatchObject({ status: "pending" });
    await northwaveAdmin.caller.invitations.revoke({ invitationId: second.invitationId });
    expect(await byInvitation(second.invitationId)).toMatchObject({ status: "cancelled", lastError: "the invitation was revoked" });
  });
});

describe("material policy version mails", () => {
  async function publish(material: boolean, effectiveFrom?: Date) {
    const { draft, basis } = await compliance.caller.policies.draft({ kind: "terms" });
    if (draft) await compliance.caller.policies.discardDraft({ kind: "terms", expectedRevision: draft.revision });
    const saved = await compliance.caller.policies.saveDraft({
      kind: "terms",
      title: basis?.title ?? "Terms of service",
      markdown: `${basis?.markdown ?? "# Terms\n\n{{partner.name}} sells mastering."}\n\nA new paragraph ${Date.now()}.`,
      purposes: basis?.purposes ?? [],
      material,
      changeSummary: material ? "Refunds now take 30 days." : "Typo fixed.",
    });
    let revision = saved.revision;
    if (material) {
      const requested = await compliance.caller.policies.requestApproval({ kind: "terms", expectedRevision: revision });
      revision = (await operatorAdmin.caller.policies.approve({ kind: "terms", expectedRevision: requested.revision })).revision;
    }
    const { draft: ready } = await compliance.caller.policies.draft({ kind: "terms" });
    return compliance.caller.policies.publish({
      kind: "terms",
      expectedRevision: revision,
      version: ready?.nextVersion as string,
      effectiveFrom,
    });
  }

  it("tells every active tenant's partner admins in its branding, and nobody for an editorial change", async () => {
    const beatlab = h.tenantIds.beatlab;
    await operatorAdmin.caller.tenants.suspend({ id: beatlab, reason: "Unpaid invoices" });
    try {
      const effectiveFrom = new Date(Date.now() + 10 * DAY);
      const version = await publish(true, effectiveFrom);
      expect(await summary()).toEqual([
        ["admin@fjordsound.test", "policy_material_published", "tenant", "fjordsound", "pending"],
        ["admin@northwave.test", "policy_material_published", "tenant", "northwave", "pending"],
      ]);
      const rows = await outboxRows(h.db.db);
      const northwave = rows.find((row) => row.tenantId === h.tenantIds.northwave);
      expect(northwave?.fromName).toBe("Northwave Records");
      expect(rows.find((row) => row.tenantId === h.tenantIds.fjordsound)?.fromName).toBe("Fjordsound Studio");
      expect(northwave?.subject).toMatch(
        new RegExp(`^Material change: Terms of service ${version.version.replace(".", "\\.")} takes effect on `),
      );
      expect(northwave?.bodyText).toContain(`${PUBLIC_URL}/policies/terms/${version.version}`);
      expect(northwave?.bodyText).toContain("Refunds now take 30 days.");
      expect(northwave?.bodyHtml).toContain("#1f6feb");
      const audit = await h.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "policies.publish"), eq(auditEvents.targetId, version.id)));
      expect(audit[0]?.after).toMatchObject({ notified: 2 });

      // Withdrawn before it takes effect: what was not sent is cancelled.
      await compliance.caller.policies.retire({ kind: "terms", version: version.version });
      expect((await summary()).map((row) => row[4])).toEqual(["cancelled", "cancelled"]);
    } finally {
      await operatorAdmin.caller.tenants.reactivate({ id: beatlab });
    }
    await clearOutbox(h.db.db);
    await publish(false);
    expect(await summary()).toEqual([]);
  });
});

describe("failed payout mails", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await paymentsApp(h);
  });
  afterAll(() => app.close());

  it("tells finance and the partner's admins once, in the transaction that records the failure", async () => {
    const account = await onboard(h, h.tenantIds.northwave);
    await buy(h, app, { tracks: 2, currency: "NOK" });
    h.simulator.failNextPayouts(account, "account_closed");
    await h.simulator.advanceTo(Date.now() + 12 * DAY);
    await h.simulator.flushWebhooks();
    h.simulator.failNextPayouts(account, null);

    const failedPayouts = await h.db.db
      .select()
      .from(payouts)
      .where(and(eq(payouts.tenantId, h.tenantIds.northwave), eq(payouts.status, "failed")));
    const failed = failedPayouts[0];
    if (!failed) throw new Error("no payout failed");
    const all = (await outboxRows(h.db.db)).filter((row) => row.kind === "payout_failed");
    // Two mails per failed payout: finance's and the partner admin's.
    expect(all).toHaveLength(2 * failedPayouts.length);
    const rows = all.filter((row) => (row.metadata as { payoutId: string }).payoutId === failed.id);
    expect(rows.map((row) => [row.toEmail, row.audience, row.tenantId]).sort()).toEqual([
      ["admin@northwave.test", "tenant", h.tenantIds.northwave],
      ["finance@masterchannel.test", "operator", h.tenantIds.northwave],
    ]);
    const amount = formatPayoutAmount(failed.amount, failed.currency);
    expect(amount).toMatch(/^NOK\s?[\d,]+\.\d{2}$/);
    const toFinance = rows.find((row) => row.audience === "operator");
    expect(toFinance).toMatchObject({ subject: `Payout failed: ${amount} to Northwave Records`, fromName: "Masterchannel AS" });
    expect(toFinance?.bodyText).toContain(`${PUBLIC_URL}/payouts/${failed.id}`);
    expect(toFinance?.bodyText).toContain("Failure code: account_closed");
    expect(toFinance?.bodyText).toContain("Currency: NOK");
    const toPartner = rows.find((row) => row.audience === "tenant");
    expect(toPartner).toMatchObject({ subject: `Your payout of ${amount} failed`, fromName: "Northwave Records" });
    expect(toPartner?.bodyText).toContain(`${PUBLIC_URL}/earnings`);

    // The same failure reported again (a replayed event) queues nothing more.
    const [event] = await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.type, "payout.failed")).limit(1);
    await finance.caller.stripeEvents.replay({ eventId: event?.id as string });
    expect((await outboxRows(h.db.db)).filter((row) => row.kind === "payout_failed")).toHaveLength(2 * failedPayouts.length);
  });
});

describe("data-subject request deadline mails", () => {
  const fileInput = (receivedAt: Date, tenantId?: string) => ({
    kind: "access" as const,
    subjectIds: [`dev_${receivedAt.getTime()}`],
    requesterEmail: "customer@example.test",
    channel: "email" as const,
    receivedAt,
    ...(tenantId ? { tenantId } : {}),
  });

  it("reminds the tenant's admins or compliance once per stage, and not after the request is answered", async () => {
    const now = new Date();
    const soon = await northwaveAdmin.caller.subjectRequests.file(fileInput(new Date(now.getTime() - 25 * DAY)));
    const late = await compliance.caller.subjectRequests.file(fileInput(new Date(now.getTime() - 40 * DAY), h.tenantIds.fjordsound));
    const early = await northwaveAdmin.caller.subjectRequests.file(fileInput(new Date(now.getTime() - 10 * DAY)));

    await enqueueSubjectRequestDeadlines(h.db.db, PUBLIC_URL, now);
    const mine = async () =>
      (await outboxRows(h.db.db))
        .filter((row) => [soon.id, late.id, early.id].includes((row.metadata as { requestId: string }).requestId))
        .map((row) => [row.toEmail, row.audience, row.tenantId, (row.metadata as { stage: string }).stage, row.status])
        .sort((a, b) => String(a).localeCompare(String(b)));
    expect(await mine()).toEqual([
      ["admin@northwave.test", "tenant", h.tenantIds.northwave, "due_soon", "pending"],
      ["compliance@masterchannel.test", "operator", h.tenantIds.fjordsound, "overdue", "pending"],
    ]);
    const rows = await outboxRows(h.db.db);
    const reminder = rows.find((row) => (row.metadata as { requestId: string }).requestId === soon.id);
    expect(reminder?.subject).toMatch(/^Due by .* UTC: a data-subject access request \(Art\. 15\) for Northwave Records$/);
    expect(reminder?.bodyText).toContain(`${PUBLIC_URL}/consent/requests/${soon.id}`);
    expect(reminder?.bodyText).not.toContain("customer@example.test");
    expect(rows.find((row) => (row.metadata as { requestId: string }).requestId === late.id)?.fromName).toBe("Masterchannel AS");

    // Running again queues nothing new; a week later the first one is overdue: one more reminder.
    await enqueueSubjectRequestDeadlines(h.db.db, PUBLIC_URL, now);
    expect(await mine()).toHaveLength(2);
    await enqueueSubjectRequestDeadlines(h.db.db, PUBLIC_URL, new Date(now.getTime() + 7 * DAY));
    expect((await mine()).map((row) => [row[0], row[3]])).toEqual([
      ["admin@northwave.test", "due_soon"],
      ["admin@northwave.test", "overdue"],
      ["compliance@masterchannel.test", "overdue"],
    ]);

    // Answered before its reminder went out: the reminder is cancelled at the next run.
    await compliance.caller.subjectRequests.reject({ requestId: late.id, reason: "Could not verify the requester" });
    const report = await enqueueSubjectRequestDeadlines(h.db.db, PUBLIC_URL, new Date(now.getTime() + 7 * DAY));
    expect(report.cancelled).toBe(1);
    expect((await mine()).find((row) => row[0] === "compliance@masterchannel.test")?.[4]).toBe("cancelled");
  });
});

describe("the outbox page", () => {
  /** Northwave's invitation (its tenant's mail), an operator mail about Northwave, and Fjordsound's invitation. */
  async function threeMails() {
    await northwaveAdmin.caller.team.invite({ email: "nw.colleague@example.test", role: "partner_viewer" });
    const fjordsound = await h.as("admin@fjordsound.test");
    await fjordsound.caller.team.invite({ email: "fs.colleague@example.test", role: "partner_viewer" });
    const operatorMailId = await withRlsContext(h.db.db, SYSTEM_CONTEXT, async (tx) => {
      const brand = await operatorBrand(tx as Database);
      return enqueueEmail(tx as Database, {
        to: "finance@masterchannel.test",
        kind: "payout_failed",
        audience: "operator",
        tenantId: h.tenantIds.northwave,
        brand,
        content: renderEmail(brand, { subject: "Staff only about Northwave", preheader: "", heading: "Staff only", paragraphs: [] }),
      });
    });
    const rows = await outboxRows(h.db.db);
    const idOf = (to: string) => rows.find((row) => row.toEmail === to)?.id as string;
    return {
      northwave: idOf("nw.colleague@example.test"),
      fjordsound: idOf("fs.colleague@example.test"),
      operator: operatorMailId as string,
    };
  }

  it("shows operator admins every mail and partner admins their tenant's own, newest first in pages", async () => {
    const ids = await threeMails();
    const all = await operatorAdmin.caller.emailOutbox.list({});
    expect(all.items.map((item) => item.id).sort()).toEqual([ids.northwave, ids.fjordsound, ids.operator].sort());
    expect(all.items.map((item) => item.createdAt.getTime())).toEqual(
      [...all.items.map((item) => item.createdAt.getTime())].sort((a, b) => b - a),
    );
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await operatorAdmin.caller.emailOutbox.list({ limit: 1, cursor });
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((item) => item.id));
    const first = await operatorAdmin.caller.emailOutbox.list({ limit: 1 });
    expect(await codeOf(operatorAdmin.caller.emailOutbox.list({ limit: 1, kind: "invitation", cursor: first.nextCursor as string }))).toBe(
      "BAD_REQUEST",
    );
    expect((await operatorAdmin.caller.emailOutbox.list({ kind: "payout_failed" })).items.map((item) => item.id)).toEqual([ids.operator]);
    expect((await operatorAdmin.caller.emailOutbox.list({ status: "sent" })).items).toEqual([]);

    const partner = await northwaveAdmin.caller.emailOutbox.list({});
    expect(partner.items.map((item) => item.id)).toEqual([ids.northwave]);
    const detail = await northwaveAdmin.caller.emailOutbox.detail({ emailId: ids.northwave });
    expect(detail.bodyText).toContain("/invite/");
    expect(detail.bodyHtml).toContain("<!doctype html>");
    expect(await codeOf(northwaveAdmin.caller.emailOutbox.detail({ emailId: ids.operator }))).toBe("NOT_FOUND");
    expect(await codeOf(northwaveAdmin.caller.emailOutbox.detail({ emailId: ids.fjordsound }))).toBe("NOT_FOUND");
    expect(await codeOf(northwaveAdmin.caller.emailOutbox.list({ status: "bogus" as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(northwaveAdmin.caller.emailOutbox.detail({ emailId: "not-a-uuid" }))).toBe("BAD_REQUEST");
  });

  it("is refused to viewers and to staff without the email permission", async () => {
    for (const email of ["viewer@northwave.test", "finance@masterchannel.test", "compliance@masterchannel.test"]) {
      const client = await h.as(email);
      expect(await codeOf(client.caller.emailOutbox.list({})), email).toBe("FORBIDDEN");
      expect(await codeOf(client.caller.emailOutbox.delivery()), email).toBe("FORBIDDEN");
    }
  });

  it("says whether SMTP delivery is configured, never how", async () => {
    expect(await operatorAdmin.caller.emailOutbox.delivery()).toEqual({ smtpConfigured: false });
    h.services.smtpConfigured = true;
    try {
      expect(await northwaveAdmin.caller.emailOutbox.delivery()).toEqual({ smtpConfigured: true });
    } finally {
      h.services.smtpConfigured = undefined;
    }
  });

  it("lets an operator admin send a failed mail again, audited, and nobody else", async () => {
    const ids = await threeMails();
    await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) =>
      tx
        .update(emailOutbox)
        .set({ status: "failed", attempts: 6, lastError: "550 5.1.1 No such user" })
        .where(eq(emailOutbox.id, ids.northwave)),
    );
    expect(await codeOf(northwaveAdmin.caller.emailOutbox.retry({ emailId: ids.northwave }))).toBe("FORBIDDEN");
    expect(await codeOf(operatorAdmin.caller.emailOutbox.retry({ emailId: ids.fjordsound }))).toBe("PRECONDITION_FAILED");
    const retried = await operatorAdmin.caller.emailOutbox.retry({ emailId: ids.northwave });
    expect(retried).toMatchObject({ status: "pending", attempts: 0, lastError: "550 5.1.1 No such user" });
    const [audit] = await h.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "email.retry"), eq(auditEvents.targetId, ids.northwave)));
    expect(audit).toMatchObject({ tenantId: h.tenantIds.northwave, before: { status: "failed", attempts: 6 } });
    expect(await codeOf(operatorAdmin.caller.emailOutbox.retry({ emailId: ids.northwave }))).toBe("PRECONDITION_FAILED");
  });

  it("keeps a partner's transaction to its tenant's tenant-audience rows in the database itself (RLS)", async () => {
    const ids = await threeMails();
    const asNorthwave = { tenantId: h.tenantIds.northwave, userId: null, allTenants: false };
    const visible = await withRlsContext(h.db.db, asNorthwave, (tx) => tx.select({ id: emailOutbox.id }).from(emailOutbox));
    expect(visible.map((row) => row.id)).toEqual([ids.northwave]);
    const brand = await withRlsContext(h.db.db, SYSTEM_CONTEXT, (tx) => operatorBrand(tx as Database));
    const content = renderEmail(brand, { subject: "x", preheader: "", heading: "x", paragraphs: [] });
    const sneak = (audience: "operator" | "tenant", tenantId: string) =>
      withRlsContext(h.db.db, asNorthwave, (tx) =>
        enqueueEmail(tx as Database, { to: "x@example.test", kind: "invitation", audience, tenantId, brand, content }),
      );
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => "written",
        (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
      );
    expect(await refusal(sneak("operator", h.tenantIds.northwave))).toMatch(/row-level security/);
    expect(await refusal(sneak("tenant", h.tenantIds.fjordsound))).toMatch(/row-level security/);
    const changed = await withRlsContext(h.db.db, asNorthwave, (tx) =>
      tx.update(emailOutbox).set({ status: "cancelled" }).where(eq(emailOutbox.id, ids.operator)).returning(),
    );
    expect(changed).toEqual([]);
  });
});
