/** Webhook events as received, for finance: newest first, keyset-paginated, each replayable. */
import { type Database, stripeEvents, tenants } from "@pc/db";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors.js";
import { decodeCursor, encodeCursor } from "../../payments/keyset.js";

export async function listEvents(
  db: Database,
  input: { type?: string; tenantId?: string; outcome?: "applied" | "ignored" | "unmatched"; cursor?: string | null; limit: number },
) {
  const cursor = decodeCursor(input.cursor);
  const conditions: SQL[] = [];
  if (input.type) conditions.push(sql`${stripeEvents.type} like ${`${input.type.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (input.tenantId) conditions.push(eq(stripeEvents.tenantId, input.tenantId));
  if (input.outcome) conditions.push(eq(stripeEvents.outcome, input.outcome));
  if (cursor) conditions.push(sql`(${stripeEvents.receivedAt}, ${stripeEvents.id}) < (${new Date(cursor.key)}, ${cursor.id})`);
  const rows = await db
    .select({
      id: stripeEvents.id,
      endpoint: stripeEvents.endpoint,
      type: stripeEvents.type,
      account: stripeEvents.account,
      outcome: stripeEvents.outcome,
      createdAt: stripeEvents.stripeCreatedAt,
      receivedAt: stripeEvents.receivedAt,
      replayCount: stripeEvents.replayCount,
      lastReplayedAt: stripeEvents.lastReplayedAt,
      tenant: { id: tenants.id, name: tenants.name },
    })
    .from(stripeEvents)
    .leftJoin(tenants, eq(tenants.id, stripeEvents.tenantId))
    .where(and(...conditions))
    .orderBy(desc(stripeEvents.receivedAt), desc(stripeEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...row, tenant: row.tenant?.id ? row.tenant : null })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ key: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}

export async function eventDetail(db: Database, eventId: string) {
  const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).limit(1);
  if (!row) throw new NotFoundError(`There is no stored event ${eventId}`);
  return row;
}
