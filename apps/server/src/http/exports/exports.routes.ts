/**
 * GET /api/exports/payouts.csv and /api/exports/sales.csv: finance's exports with the list's
 * filters, streamed (keyset pages of 1,000 rows, each read in its own short transaction, so memory
 * stays flat and the database is never held for the whole download). `variant=nb` gives the
 * Norwegian spreadsheet flavour: semicolons, decimal commas and a byte-order mark. Each finished
 * export is recorded in the admin audit trail with its filters and row count.
 */
import { Readable } from "node:stream";
import { type Database, narrowToTenant, payouts, type RlsContext, sales, tenants, withRlsContext } from "@pc/db";
import { type CurrencyCode, formatMinorForCsv, type PayoutFilters, rolesHave, ZPayoutFilters } from "@pc/shared";
import { stringify } from "csv-stringify";
import { and, asc, eq, gt, gte, inArray, lte, or, type SQL } from "drizzle-orm";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../../services/audit.service.js";
import { lookupSession, SESSION_COOKIE, type SessionUser, type TokenDigest } from "../../services/session.service.js";

const PAGE = 1000;

export interface ExportRoutesOptions {
  db: Database;
  /** Reads the session cookie as tRPC does. */
  tokens: TokenDigest;
}

const ZVariant = z.enum(["standard", "nb"]).default("standard");

const ZSalesFilters = z
  .object({
    tenantId: z.uuid({ message: "tenantId must be a tenant id" }).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "currency must be a currency code such as NOK")
      .optional(),
    from: z.coerce.date({ message: "from must be a date" }).optional(),
    to: z.coerce.date({ message: "to must be a date" }).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "to is before from" });

function badRequest(reply: FastifyReply, message: string) {
  return reply
    .code(400)
    .header("cache-control", "no-store")
    .send({ error: { code: "BAD_REQUEST", message } });
}

/** Query strings are text: numbers and lists become what the list's schema expects. */
function payoutFiltersFrom(query: Record<string, string | undefined>) {
  const number = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value));
  return ZPayoutFilters.safeParse({
    tenantId: query.tenantId || undefined,
    status: query.status ? query.status.split(",").filter(Boolean) : undefined,
    currency: query.currency || undefined,
    from: query.from || undefined,
    to: query.to || undefined,
    minAmount: number(query.minAmount),
    maxAmount: number(query.maxAmount),
  });
}

function firstIssue(error: z.ZodError) {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "query"}: ${issue.message}` : "Invalid query";
}

const STAFF_CONTEXT = (session: SessionUser): RlsContext => ({ tenantId: null, userId: session.userId, allTenants: true });

type Row = Record<string, string | number | boolean | null>;

/** Pages through `fetchPage` (keyset), yielding rows; counts them for the audit record. */
async function* pages<T>(fetchPage: (after: T | null) => Promise<T[]>, counter: { rows: number }) {
  let after: T | null = null;
  for (;;) {
    const batch = await fetchPage(after);
    for (const row of batch) yield row;
    counter.rows += batch.length;
    if (batch.length < PAGE) return;
    after = batch[batch.length - 1] as T;
  }
}

export const exportRoutes: FastifyPluginAsync<ExportRoutesOptions> = async (app, { db, tokens }) => {
  async function staff(req: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await lookupSession(db, tokens, token) : null;
    if (!session) {
      await reply.code(401).send({ error: { code: "UNAUTHORIZED", message: "Sign in to continue" } });
      return null;
    }
    if (!session.operatorRole || !rolesHave([session.operatorRole], "payouts.export")) {
      await reply.code(403).send({ error: { code: "FORBIDDEN", message: "Your role does not allow exports" } });
      return null;
    }
    return session;
  }

  function send(reply: FastifyReply, name: string, variant: "standard" | "nb", columns: string[], rows: AsyncIterable<Row>) {
    const csv = stringify({
      header: true,
      columns,
      delimiter: variant === "nb" ? ";" : ",",
      bom: variant === "nb",
      record_delimiter: "windows",
    });
    Readable.from(rows).pipe(csv);
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}-${stamp}${variant === "nb" ? "-nb" : ""}.csv"`)
      .header("cache-control", "no-store")
      .send(csv);
  }

  async function audit(session: SessionUser, req: FastifyRequest, action: string, details: Record<string, unknown>) {
    await withRlsContext(db, STAFF_CONTEXT(session), (tx) =>
      recordAudit(
        tx as Database,
        { userId: session.userId, label: session.email, requestId: String(req.id), ip: req.ip },
        { action, targetType: "export", after: details },
      ),
    );
  }

  app.get("/payouts.csv", async (req, reply) => {
    const session = await staff(req, reply);
    if (!session) return reply;
    const query = req.query as Record<string, string | undefined>;
    const variant = ZVariant.safeParse(query.variant || undefined);
    const parsed = payoutFiltersFrom(query);
    if (!variant.success) return badRequest(reply, "variant must be standard or nb");
    if (!parsed.success) return badRequest(reply, firstIssue(parsed.error));
    const filters: PayoutFilters = parsed.data;
    const decimalComma = variant.data === "nb";
    const counter = { rows: 0 };
    type Fetched = { payout: typeof payouts.$inferSelect; tenantName: string; tenantSlug: string };
    const fetchPage = (after: Fetched | null) =>
      withRlsContext(db, STAFF_CONTEXT(session), async (tx) => {
        const conditions: SQL[] = [];
        if (filters.tenantId) conditions.push(eq(payouts.tenantId, filters.tenantId));
        if (filters.status?.length) conditions.push(inArray(payouts.status, filters.status));
        if (filters.currency) conditions.push(eq(payouts.currency, filters.currency));
        if (filters.from) conditions.push(gte(payouts.stripeCreatedAt, filters.from));
        if (filters.to) conditions.push(lte(payouts.stripeCreatedAt, filters.to));
        if (filters.minAmount !== undefined) conditions.push(gte(payouts.amount, filters.minAmount));
        if (filters.maxAmount !== undefined) conditions.push(lte(payouts.amount, filters.maxAmount));
        if (after) {
          const at = after.payout.stripeCreatedAt;
          conditions.push(
            or(gt(payouts.stripeCreatedAt, at), and(eq(payouts.stripeCreatedAt, at), gt(payouts.id, after.payout.id))) as SQL,
          );
        }
        return tx
          .select({ payout: payouts, tenantName: tenants.name, tenantSlug: tenants.slug })
          .from(payouts)
          .innerJoin(tenants, eq(tenants.id, payouts.tenantId))
          .where(and(...conditions))
          .orderBy(asc(payouts.stripeCreatedAt), asc(payouts.id))
          .limit(PAGE);
      });
    async function* rows(): AsyncIterable<Row> {
      for await (const { payout, tenantName, tenantSlug } of pages(fetchPage, counter)) {
        yield {
          payout_id: payout.stripePayoutId,
          tenant: tenantName,
          tenant_slug: tenantSlug,
          created_at: payout.stripeCreatedAt.toISOString(),
          arrival_date: payout.arrivalDate.toISOString().slice(0, 10),
          currency: payout.currency,
          amount: formatMinorForCsv(payout.amount, payout.currency as CurrencyCode, { decimalComma }),
          status: payout.status,
          automatic: payout.automatic ? "yes" : "no",
          failure_code: payout.failureCode,
          failure_message: payout.failureMessage,
        };
      }
      await audit(session as SessionUser, req, "payouts.export", { kind: "payouts", variant: variant.data, filters, rows: counter.rows });
    }
    const columns = [
      "payout_id",
      "tenant",
      "tenant_slug",
      "created_at",
      "arrival_date",
      "currency",
      "amount",
      "status",
      "automatic",
      "failure_code",
      "failure_message",
    ];
    return send(reply, "payouts", variant.data, columns, rows());
  });

  app.get("/sales.csv", async (req, reply) => {
    const session = await staff(req, reply);
    if (!session) return reply;
    const query = req.query as Record<string, string | undefined>;
    const variant = ZVariant.safeParse(query.variant || undefined);
    const parsed = ZSalesFilters.safeParse({
      tenantId: query.tenantId || undefined,
      currency: query.currency || undefined,
      from: query.from || undefined,
      to: query.to || undefined,
    });
    if (!variant.success) return badRequest(reply, "variant must be standard or nb");
    if (!parsed.success) return badRequest(reply, firstIssue(parsed.error));
    const filters = parsed.data;
    const decimalComma = variant.data === "nb";
    const counter = { rows: 0 };
    type Fetched = { sale: typeof sales.$inferSelect; tenantName: string };
    const fetchPage = (after: Fetched | null) =>
      withRlsContext(db, STAFF_CONTEXT(session), async (tx) => {
        if (filters.tenantId) await narrowToTenant(tx, filters.tenantId);
        const conditions: SQL[] = [eq(sales.status, "paid")];
        if (filters.tenantId) conditions.push(eq(sales.tenantId, filters.tenantId));
        if (filters.currency) conditions.push(eq(sales.currency, filters.currency));
        if (filters.from) conditions.push(gte(sales.paidAt, filters.from));
        if (filters.to) conditions.push(lte(sales.paidAt, filters.to));
        if (after?.sale.paidAt) {
          const at = after.sale.paidAt;
          conditions.push(or(gt(sales.paidAt, at), and(eq(sales.paidAt, at), gt(sales.id, after.sale.id))) as SQL);
        }
        return tx
          .select({ sale: sales, tenantName: tenants.name })
          .from(sales)
          .innerJoin(tenants, eq(tenants.id, sales.tenantId))
          .where(and(...conditions))
          .orderBy(asc(sales.paidAt), asc(sales.id))
          .limit(PAGE);
      });
    async function* rows(): AsyncIterable<Row> {
      for await (const { sale, tenantName } of pages(fetchPage, counter)) {
        const money = (amount: number | null) =>
          amount === null ? null : formatMinorForCsv(amount, sale.currency as CurrencyCode, { decimalComma });
        yield {
          sale_id: sale.id,
          tenant: tenantName,
          paid_at: sale.paidAt?.toISOString() ?? null,
          currency: sale.currency,
          item: sale.kind === "bundle" ? `bundle of ${sale.tracks}` : `${sale.tracks} track${sale.tracks === 1 ? "" : "s"}`,
          price_version: sale.priceVersion,
          revenue_share_bps: sale.revenueShareBps,
          gross: money(sale.gross),
          stripe_fee: money(sale.stripeFee),
          platform_fee: money(sale.platformFee),
          partner_share: money(sale.partnerShare),
          refunded: money(sale.amountRefunded),
          partner_reversed: money(sale.partnerReversed),
          platform_fee_refunded: money(sale.platformFeeRefunded),
          charge_id: sale.chargeId,
        };
      }
      await audit(session as SessionUser, req, "sales.export", { kind: "sales", variant: variant.data, filters, rows: counter.rows });
    }
    const columns = [
      "sale_id",
      "tenant",
      "paid_at",
      "currency",
      "item",
      "price_version",
      "revenue_share_bps",
      "gross",
      "stripe_fee",
      "platform_fee",
      "partner_share",
      "refunded",
      "partner_reversed",
      "platform_fee_refunded",
      "charge_id",
    ];
    return send(reply, "sales", variant.data, columns, rows());
  });
};
