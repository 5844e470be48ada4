/**
 * Reminds whoever answers a data-subject request before its one-month deadline: once when an open
 * request is due within 7 days, once more when it is overdue. Requests the operator's staff filed
 * go to compliance staff (operator admins when there is no compliance account); those a partner
 * filed go to that tenant's admins, in its branding. Dedupe keys make each reminder once per
 * request, stage and person however often the job runs; reminders of a request answered before
 * they were sent are cancelled.
 */
import { type Database, emailOutbox, SYSTEM_CONTEXT, subjectRequests, tenants, withRlsContext } from "@pc/db";
import { OPEN_SUBJECT_REQUEST_STATUSES } from "@pc/shared";
import { and, asc, eq, inArray, lte, notInArray, sql } from "drizzle-orm";
import type { JobDefinition } from "../jobs/runner.js";
import { type EmailBrand, operatorBrand, tenantBrand } from "./brand.js";
import { enqueueEmail } from "./outbox.js";
import { operatorStaff, type Recipient, tenantAdmins } from "./recipients.js";
import { type DeadlineStage, subjectRequestDeadlineEmail } from "./templates/subject-request-deadline.js";

export const SUBJECT_REQUEST_DEADLINES_JOB = "subject-request-deadlines";
/** Hourly: a reminder is at most an hour late, and the dedupe keys keep it to one per stage. */
export const SUBJECT_REQUEST_DEADLINES_INTERVAL_MS = 3_600_000;
export const DUE_SOON_MS = 7 * 24 * 3_600_000;

export interface DeadlineReport {
  queued: number;
  cancelled: number;
}

async function recipientsFor(db: Database, filedBySide: "operator" | "partner", tenantId: string): Promise<Recipient[]> {
  if (filedBySide === "partner") return tenantAdmins(db, tenantId);
  const compliance = await operatorStaff(db, "compliance");
  return compliance.length ? compliance : operatorStaff(db, "operator_admin");
}

export async function enqueueSubjectRequestDeadlines(db: Database, publicUrl: string, now: Date = new Date()): Promise<DeadlineReport> {
  return withRlsContext(db, SYSTEM_CONTEXT, async (txRaw) => {
    const tx = txRaw as Database;
    // A request answered (or rejected) before its reminder went out needs no reminder.
    const closed = tx
      .select({ id: sql`${subjectRequests.id}::text` })
      .from(subjectRequests)
      .where(notInArray(subjectRequests.status, [...OPEN_SUBJECT_REQUEST_STATUSES]));
    const cancelled = await tx
      .update(emailOutbox)
      .set({ status: "cancelled", lastError: "the request was answered before the reminder was sent" })
      .where(
        and(
          eq(emailOutbox.status, "pending"),
          eq(emailOutbox.kind, "subject_request_deadline"),
          inArray(sql`${emailOutbox.metadata}->>'requestId'`, closed),
        ),
      )
      .returning({ id: emailOutbox.id });

    const due = await tx
      .select({ request: subjectRequests, tenantName: tenants.name })
      .from(subjectRequests)
      .innerJoin(tenants, eq(tenants.id, subjectRequests.tenantId))
      .where(
        and(
          inArray(subjectRequests.status, [...OPEN_SUBJECT_REQUEST_STATUSES]),
          lte(subjectRequests.dueAt, new Date(now.getTime() + DUE_SOON_MS)),
        ),
      )
      .orderBy(asc(subjectRequests.dueAt));
    const brands = new Map<string, EmailBrand>();
    const brandOf = async (key: string, load: () => Promise<EmailBrand>) => {
      const known = brands.get(key);
      if (known) return known;
      const brand = await load();
      brands.set(key, brand);
      return brand;
    };
    let queued = 0;
    for (const { request } of due) {
      const stage: DeadlineStage = request.dueAt.getTime() < now.getTime() ? "overdue" : "due_soon";
      const partner = request.filedBySide === "partner";
      const brand = partner
        ? await brandOf(request.tenantId, () => tenantBrand(tx, request.tenantId, publicUrl))
        : await brandOf("", () => operatorBrand(tx));
      const tenantLabel = partner ? brand.name : (await brandOf(request.tenantId, () => tenantBrand(tx, request.tenantId, publicUrl))).name;
      const content = subjectRequestDeadlineEmail(brand, {
        stage,
        kind: request.kind,
        tenantName: tenantLabel,
        receivedAt: request.receivedAt,
        dueAt: request.dueAt,
        status: request.status,
        filedBy: request.filedByLabel,
        url: `${publicUrl}/consent/requests/${request.id}`,
      });
      for (const person of await recipientsFor(tx, request.filedBySide, request.tenantId)) {
        const id = await enqueueEmail(tx, {
          to: person.email,
          kind: "subject_request_deadline",
          audience: partner ? "tenant" : "operator",
          tenantId: request.tenantId,
          brand,
          content,
          dedupeKey: `dsr-deadline:${request.id}:${stage}:${person.userId}`,
          metadata: { requestId: request.id, stage, userId: person.userId },
        });
        if (id) queued++;
      }
    }
    return { queued, cancelled: cancelled.length };
  });
}

export function subjectRequestDeadlinesJob({ db, publicUrl }: { db: Database; publicUrl: string }): JobDefinition {
  return {
    name: SUBJECT_REQUEST_DEADLINES_JOB,
    intervalMs: SUBJECT_REQUEST_DEADLINES_INTERVAL_MS,
    run: ({ startedAt }) => enqueueSubjectRequestDeadlines(db, publicUrl, startedAt),
  };
}
