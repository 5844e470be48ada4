/**
 * GET /api/exports/consent-records.csv and /api/exports/consent-records.ndjson: the consent record
 * search (consentAudit.search: same filters, same scope, newest first) as a download with no row
 * cap. Rows are read in keyset pages (consent-export-rows.ts), each page in its own short
 * transaction, and streamed with back-pressure, so memory stays flat however many records match. `X-Estimated-Total` gives
 * the dashboard's progress bar a total when counting is quick. Each export, finished or cancelled by
 * the client, is recorded in the admin audit trail with its filters and row count. Neither the
 * subject digest, the IP address nor the user agent is ever exported.
 */
import { PassThrough, pipeline, Readable } from "node:stream";
import { consentRecords, type Database, queryRows, type RlsContext, tenantMemberships, tenants, withRlsContext } from "@pc/db";
import { type Role, rolesHave, ZConsentSearchInput } from "@pc/shared";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { InvalidInputError } from "../../errors.js";
import {
  prepareSearch,
  type SearchFilters,
  searchConditions,
  subjectDigestFor,
} from "../../routers/consent-audit/consent-audit.queries.js";
import { recordAudit } from "../../services/audit.service.js";
import { lookupSession, SESSION_COOKIE, type SessionUser, type TokenDigest } from "../../services/session.service.js";
import { csvHeader, exportPages } from "./consent-export-rows.js";

export { CONSENT_EXPORT_COLUMNS, CONSENT_EXPORT_PAGE } from "./consent-export-rows.js";

/** How long the row estimate may take before the export starts without one. */
const ESTIMATE_TIMEOUT_MS = 500;

export interface ConsentExportRoutesOptions {
  db: Database;
  /** Reads the session cookie as tRPC does. */
  tokens: TokenDigest;
}

const ZVariant = z.enum(["standard", "nb"]).default("standard");

/** Who may export, and where: staff across tenants (scope null), anyone else only their active tenant. */
interface ExportScope {
  session: SessionUser;
  scopeTenantId: string | null;
  rls: RlsContext;
}

function errorReply(reply: FastifyReply, status: 400 | 401 | 403, code: string, message: string) {
  return reply.code(status).header("cache-control", "no-store").send({ error: { code, message } });
}

function firstIssue(error: z.ZodError) {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "query"}: ${issue.message}` : "Invalid query";
}

/** The search filters from a query string (the names consentAudit.search takes); empty values are left out. */
function filtersFrom(query: Record<string, string | string[] | undefined>) {
  const text = (name: string) => {
    const value = query[name];
    const single = Array.isArray(value) ? value[0] : value;
    return single === undefined || single.trim() === "" ? undefined : single;
  };
  const parsed = ZConsentSearchInput.safeParse({
    tenantId: text("tenantId"),
    from: text("from"),
    to: text("to"),
    purpose: text("purpose"),
    decision: text("decision"),
    action: text("action"),
    policyVersion: text("policyVersion"),
    country: text("country"),
    subjectId: text("subjectId"),
  });
  if (!parsed.success) return parsed;
  const { cursor: _cursor, limit: _limit, ...filters } = parsed.data;
  return { success: true as const, data: filters as SearchFilters };
}

export const consentExportRoutes: FastifyPluginAsync<ConsentExportRoutesOptions> = async (app, { db, tokens }) => {
  /** The caller's scope, as consentAudit.search decides it; answers 401 or 403 itself when there is none. */
  async function scopeOf(req: FastifyRequest, reply: FastifyReply): Promise<ExportScope | null> {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await lookupSession(db, tokens, token) : null;
    if (!session) {
      await errorReply(reply, 401, "UNAUTHORIZED", "Sign in to continue");
      return null;
    }
    const operatorRole = session.operatorRole;
    if (operatorRole && rolesHave([operatorRole], "consent.read")) {
      return { session, scopeTenantId: null, rls: { tenantId: null, userId: session.userId, allTenants: true } };
    }
    const activeTenantId = session.activeTenantId;
    // The partner role on the active tenant counts only while the tenant is active (as for tRPC calls).
    const [membership] = activeTenantId
      ? await withRlsContext(db, { tenantId: null, userId: session.userId, allTenants: operatorRole !== null }, (tx) =>
          tx
            .select({ role: tenantMemberships.role })
            .from(tenantMemberships)
            .innerJoin(tenants, eq(tenants.id, tenantMemberships.tenantId))
            .where(
              and(
                eq(tenantMemberships.tenantId, activeTenantId),
                eq(tenantMemberships.userId, session.userId),
                eq(tenants.status, "active"),
              ),
            )
            .limit(1),
        )
      : [];
    const roles: Role[] = [...(operatorRole ? [operatorRole] : []), ...(membership ? [membership.role] : [])];
    if (!activeTenantId || !rolesHave(roles, "consent.read")) {
      const lostTenant = activeTenantId !== null && roles.length === 0;
      await errorReply(
        reply,
        403,
        "FORBIDDEN",
        lostTenant
          ? "You no longer have access to this tenant: you were removed from it, or it is suspended"
          : "Your role does not allow this",
      );
      return null;
    }
    return { session, scopeTenantId: activeTenantId, rls: { tenantId: activeTenantId, userId: session.userId, allTenants: false } };
  }

  /**
   * The number of matching records when counting them takes under ESTIMATE_TIMEOUT_MS, else null
   * (the dashboard then shows rows so far without a total). A count, not a planner estimate: the
   * filters (jsonb containment, subject) make the planner's guesses too rough for a progress bar.
   */
  async function estimate(scope: ExportScope, filters: SearchFilters): Promise<number | null> {
    try {
      return await withRlsContext(db, scope.rls, async (tx) => {
        await tx.execute(sql`select set_config('statement_timeout', ${String(ESTIMATE_TIMEOUT_MS)}, true)`);
        await prepareSearch(tx as Database, { scopeTenantId: scope.scopeTenantId, filters });
        const conditions = await searchConditions(tx as Database, { scopeTenantId: scope.scopeTenantId, filters });
        if (!conditions) return 0;
        const [row] = await queryRows<{ total: number | string }>(
          tx,
          sql`select count(*) as total from ${consentRecords} where ${and(...conditions.where) ?? sql`true`}`,
        );
        return row ? Number(row.total) : null;
      });
    } catch (error) {
      if (error instanceof InvalidInputError) throw error;
      return null;
    }
  }

  /** The export's audit event, on the tenant's trail when it covers one tenant. */
  async function audit(scope: ExportScope, req: FastifyRequest, filters: SearchFilters, details: Record<string, unknown>) {
    const tenantId = scope.scopeTenantId ?? filters.tenantId ?? null;
    await withRlsContext(db, scope.rls, async (tx) => {
      // The raw subject id is not kept in the trail: a prefix of its keyed hash, as the timeline's event does.
      const { subjectId, from, to, ...rest } = filters;
      const digest = subjectId !== undefined && tenantId ? await subjectDigestFor(tx as Database, tenantId, subjectId) : null;
      const recorded = {
        ...rest,
        tenantId: tenantId ?? undefined,
        from: from?.toISOString(),
        to: to?.toISOString(),
        subject: subjectId === undefined ? undefined : (digest?.slice(0, 16) ?? "unknown"),
      };
      await recordAudit(
        tx as Database,
        { userId: scope.session.userId, label: scope.session.email, requestId: String(req.id), ip: req.ip },
        { tenantId, action: "consent.export", targetType: "export", after: { kind: "consent_records", filters: recorded, ...details } },
      );
    });
  }

  async function exportRecords(req: FastifyRequest, reply: FastifyReply, format: "csv" | "ndjson") {
    const scope = await scopeOf(req, reply);
    if (!scope) return reply;
    const query = req.query as Record<string, string | string[] | undefined>;
    const variant = ZVariant.safeParse(typeof query.variant === "string" && query.variant !== "" ? query.variant : undefined);
    if (!variant.success) return errorReply(reply, 400, "BAD_REQUEST", "variant: must be standard or nb");
    const parsed = filtersFrom(query);
    if (!parsed.success) return errorReply(reply, 400, "BAD_REQUEST", firstIssue(parsed.error));
    const filters = parsed.data;

    let total: number | null;
    try {
      total = await estimate(scope, filters);
    } catch (error) {
      if (error instanceof InvalidInputError) return errorReply(reply, 400, "BAD_REQUEST", `${error.field}: ${error.message}`);
      throw error;
    }

    const counter = { rows: 0 };
    const details = { format, variant: format === "csv" ? variant.data : undefined };
    let audited = false;
    const auditOnce = async (extra: Record<string, unknown>) => {
      if (audited) return;
      audited = true;
      await audit(scope, req, filters, { ...details, rows: counter.rows, ...extra });
    };

    const nb = variant.data === "nb";
    const delimiter = nb ? ";" : ",";
    const { rls, scopeTenantId } = scope;
    async function* body() {
      // The header leaves with the first page (or alone when nothing matches).
      let head = format === "csv" ? `${nb ? "\uFEFF" : ""}${csvHeader(delimiter)}` : "";
      const lines = format === "csv" ? ({ kind: "csv", delimiter } as const) : ({ kind: "ndjson" } as const);
      for await (const page of exportPages(db, rls, { scopeTenantId, filters }, lines)) {
        counter.rows += page.rows;
        yield head + page.text;
        head = "";
      }
      if (head) yield head;
      // Written before the last bytes leave, so a finished download is always on the trail.
      await auditOnce({});
    }
    const source = Readable.from(body(), { objectMode: false });
    // pipeline: when the client goes away, Fastify destroys the body and the page reader stops too.
    const stream = pipeline(source, new PassThrough(), (error) => {
      if (error && error.code !== "ERR_STREAM_PREMATURE_CLOSE") req.log.error({ err: error }, "consent export failed");
    });

    // IncomingMessage's own "close" fires once a GET's (empty) body is read; the response's tells
    // whether the download was cut short.
    reply.raw.on("close", () => {
      if (reply.raw.writableFinished || audited) return;
      auditOnce({ cancelled: true }).catch((error: unknown) => req.log.error({ err: error }, "consent export audit failed"));
    });

    const stamp = new Date().toISOString().slice(0, 10);
    const fileName = `consent-records-${stamp}${format === "csv" && nb ? "-nb" : ""}.${format}`;
    if (total !== null) reply.header("x-estimated-total", String(total));
    return reply
      .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
      .header("content-disposition", `attachment; filename="${fileName}"`)
      .header("cache-control", "no-store")
      .send(stream);
  }

  app.get("/consent-records.csv", (req, reply) => exportRecords(req, reply, "csv"));
  app.get("/consent-records.ndjson", (req, reply) => exportRecords(req, reply, "ndjson"));
};
