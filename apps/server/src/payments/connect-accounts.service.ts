/**
 * A tenant's Stripe connected account: created once (idempotent at Stripe and here), onboarded
 * through Stripe's hosted link, and mirrored from Stripe whenever it changes (account.updated is
 * answered by fetching the account fresh, so late or repeated events cannot roll its state back).
 */
import { type Database, type PayoutScheduleRow, type StripeRequirementsRow, stripeAccounts, tenants } from "@pc/db";
import { eq, sql } from "drizzle-orm";
import { NotFoundError, PreconditionError } from "../errors.js";
import { type AuditActor, recordAudit } from "../services/audit.service.js";
import type { Stripe, StripeGateway } from "../stripe/stripe-gateway.js";

export type StripeAccountRow = typeof stripeAccounts.$inferSelect;

export function requirementsOf(account: Stripe.Account): StripeRequirementsRow {
  const r = account.requirements;
  return {
    currentlyDue: r?.currently_due ?? [],
    pastDue: r?.past_due ?? [],
    eventuallyDue: r?.eventually_due ?? [],
    pendingVerification: r?.pending_verification ?? [],
    currentDeadline: r?.current_deadline ?? null,
    disabledReason: r?.disabled_reason ?? null,
  };
}

export function scheduleOf(account: Stripe.Account): PayoutScheduleRow {
  const schedule = account.settings?.payouts?.schedule;
  const interval = (schedule?.interval ?? "daily") as PayoutScheduleRow["interval"];
  return {
    interval,
    delayDays: schedule?.delay_days ?? 7,
    ...(schedule?.weekly_anchor ? { weeklyAnchor: schedule.weekly_anchor } : {}),
    ...(schedule?.monthly_anchor ? { monthlyAnchor: schedule.monthly_anchor } : {}),
  };
}

function mirrored(account: Stripe.Account) {
  return {
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirements: requirementsOf(account),
    payoutSchedule: scheduleOf(account),
  };
}

export async function findAccount(db: Database, tenantId: string): Promise<StripeAccountRow | null> {
  const [row] = await db.select().from(stripeAccounts).where(eq(stripeAccounts.tenantId, tenantId)).limit(1);
  return row ?? null;
}

export async function findAccountByStripeId(db: Database, stripeAccountId: string): Promise<StripeAccountRow | null> {
  const [row] = await db.select().from(stripeAccounts).where(eq(stripeAccounts.stripeAccountId, stripeAccountId)).limit(1);
  return row ?? null;
}

/** Mirrors the account as Stripe has it now; null when no tenant owns it. */
export async function syncAccount(db: Database, stripe: Stripe, stripeAccountId: string): Promise<StripeAccountRow | null> {
  const known = await findAccountByStripeId(db, stripeAccountId);
  if (!known) return null;
  const account = await stripe.accounts.retrieve(stripeAccountId);
  const [row] = await db
    .update(stripeAccounts)
    .set({ ...mirrored(account), syncedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(stripeAccounts.stripeAccountId, stripeAccountId))
    .returning();
  return row ?? null;
}

/**
 * The tenant's connected account, created at Stripe when missing. The idempotency key is the
 * tenant's, so a retry (or two admins clicking at once) gets the same account.
 */
export async function ensureConnectedAccount(db: Database, gateway: StripeGateway, actor: AuditActor, tenantId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stripe-account:${tenantId}`}, 0))`);
  const existing = await findAccount(db, tenantId);
  if (existing) return existing;
  const [tenant] = await db.select({ name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw new NotFoundError("Tenant not found");
  const account = await gateway.stripe.accounts.create(
    {
      type: "express",
      business_profile: { name: tenant.name },
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { tenant_id: tenantId, tenant_slug: tenant.slug },
    },
    { idempotencyKey: `pc-account-${tenantId}` },
  );
  const [row] = await db
    .insert(stripeAccounts)
    .values({ tenantId, stripeAccountId: account.id, ...mirrored(account), syncedAt: sql`now()` })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordAudit(db, actor, {
    tenantId,
    action: "earnings.create_account",
    targetType: "stripe_account",
    targetId: account.id,
    after: { stripeAccountId: account.id },
  });
  return row;
}

/** A fresh onboarding link (Stripe's links expire within minutes and work once). */
export async function onboardingLink(
  db: Database,
  gateway: StripeGateway,
  actor: AuditActor,
  tenantId: string,
  consoleUrl: string,
  returnPath: string,
) {
  const account = await ensureConnectedAccount(db, gateway, actor, tenantId);
  const link = await gateway.stripe.accountLinks.create({
    account: account.stripeAccountId,
    type: "account_onboarding",
    return_url: `${consoleUrl}${returnPath}?onboarding=returned`,
    refresh_url: `${consoleUrl}${returnPath}?onboarding=expired`,
  });
  return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
}

/** Requires an account that can take payments: the storefront's checkout asks this first. */
export function requireChargesEnabled(account: StripeAccountRow | null): StripeAccountRow {
  if (!account) throw new PreconditionError("This storefront cannot take payments yet: its Stripe account is not set up");
  if (!account.chargesEnabled) {
    throw new PreconditionError("This storefront cannot take payments yet: Stripe has not enabled charges on its account");
  }
  return account;
}
