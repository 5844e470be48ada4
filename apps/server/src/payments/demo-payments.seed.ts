/**
 * Six months of demo sales, made the way real ones are: each tenant gets a connected account at
 * the simulator, storefront checkouts are created by the checkout service and paid with a test
 * card, refunds and one dispute go through Stripe's API, and the simulator's clock walks day by
 * day so balances become available and weekly payouts are made, all reaching the database through
 * the webhook handlers. Also: one failed payout (account_closed) at Northwave, a requirement past
 * due at Fjordsound (payouts paused), and Beatlab's payouts on hold. Runs once, on a database
 * without connected accounts, in simulator mode only.
 */
import { type Database, type DEMO_TENANTS, SYSTEM_CONTEXT, stripeAccounts, tenants, users, withRlsContext } from "@pc/db";
import { type CheckoutRequest, mulberry32 } from "@pc/shared";
import { eq } from "drizzle-orm";
import { holdPayouts } from "../routers/payouts/payouts.service.js";
import type { AuditActor } from "../services/audit.service.js";
import type { StripeGateway } from "../stripe/stripe-gateway.js";
import { createCheckout } from "./checkout.service.js";
import { ensureConnectedAccount } from "./connect-accounts.service.js";

const DAY = 86_400_000;
const SEED_ACTOR: AuditActor = { userId: null, label: "demo seed", requestId: null, ip: null };

interface DemoShop {
  slug: (typeof DEMO_TENANTS)[number]["slug"];
  /** Average sales a day. */
  perDay: number;
  currencies: Array<{ currency: "NOK" | "EUR" | "USD"; weight: number; bundles: number[] }>;
}

const SHOPS: DemoShop[] = [
  {
    slug: "northwave",
    perDay: 1.2,
    currencies: [
      { currency: "NOK", weight: 0.6, bundles: [5, 10] },
      { currency: "EUR", weight: 0.25, bundles: [5] },
      { currency: "USD", weight: 0.15, bundles: [5] },
    ],
  },
  {
    slug: "fjordsound",
    perDay: 0.8,
    currencies: [
      { currency: "NOK", weight: 0.7, bundles: [5] },
      { currency: "EUR", weight: 0.2, bundles: [5] },
      { currency: "USD", weight: 0.1, bundles: [5] },
    ],
  },
  {
    slug: "beatlab",
    perDay: 1,
    currencies: [
      { currency: "NOK", weight: 0.3, bundles: [3, 10] },
      { currency: "EUR", weight: 0.3, bundles: [3] },
      { currency: "USD", weight: 0.4, bundles: [3] },
    ],
  },
];

/** The entry whose cumulative weight first reaches `pick` (0..1). */
function pickWeighted<T extends { weight: number }>(entries: readonly T[], pick: number): T {
  let sum = 0;
  for (const entry of entries) {
    sum += entry.weight;
    if (sum >= pick) return entry;
  }
  return entries[entries.length - 1] as T;
}

export interface DemoPaymentsResult {
  sales: number;
  refunds: number;
}

export interface DemoPaymentsOptions {
  db: Database;
  gateway: StripeGateway;
  /** Where demo checkouts "return" to (never visited). */
  consoleUrl: string;
  now?: number;
  days?: number;
}

export async function seedDemoPayments({
  db,
  gateway,
  consoleUrl,
  now = Date.now(),
  days = 182,
}: DemoPaymentsOptions): Promise<DemoPaymentsResult | null> {
  const simulator = gateway.simulator;
  if (!simulator) return null;
  const system = <T>(work: (tx: Database) => Promise<T>) => withRlsContext(db, SYSTEM_CONTEXT, (tx) => work(tx as Database));
  const existing = await system((tx) => tx.select({ id: stripeAccounts.tenantId }).from(stripeAccounts).limit(1));
  if (existing.length > 0) return null;
  const rows = await system((tx) => tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants));
  const [finance] = await system((tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, "finance@masterchannel.test")).limit(1),
  );
  const tenantOf = (slug: string) => {
    const row = rows.find((entry) => entry.slug === slug);
    if (!row) throw new Error(`demo tenant ${slug} is missing`);
    return row;
  };

  // Deterministic, so every first start makes the same history.
  const rand = mulberry32(20_260_212);
  const start = Math.floor((now - days * DAY) / DAY) * DAY;
  simulator.setClock(start + 8 * 3_600_000);
  const accounts = new Map<string, string>();
  for (const shop of SHOPS) {
    const tenant = tenantOf(shop.slug);
    const account = await system((tx) => ensureConnectedAccount(tx, gateway, SEED_ACTOR, tenant.id));
    simulator.completeOnboarding(account.stripeAccountId);
    await gateway.stripe.accounts.update(account.stripeAccountId, {
      settings: { payouts: { schedule: { interval: "weekly", weekly_anchor: "monday", delay_days: 7 } } },
    });
    accounts.set(shop.slug, account.stripeAccountId);
  }
  await simulator.flushWebhooks();

  const refundsDue: Array<{ at: number; sessionId: string; partial: boolean }> = [];
  let salesMade = 0;
  let refundsMade = 0;
  const disputeDay = start + 60 * DAY;
  let disputeCharge: { sessionId: string } | null = null;
  let disputeToClose: { id: string; at: number } | null = null;
  const failFrom = now - 80 * DAY;
  const failUntil = now - 72 * DAY;
  const pastDueAt = now - 20 * DAY;
  const holdAt = now - 10 * DAY;
  const flags = { failing: false, failed: false, pastDue: false, held: false };

  for (let day = start; day + DAY <= now; day += DAY) {
    const plan: Array<{ at: number; shop: DemoShop }> = [];
    for (const shop of SHOPS) {
      const count = Math.floor(shop.perDay * 2 * rand());
      for (let i = 0; i < count; i++) plan.push({ at: day + Math.floor((8 + rand() * 14) * 3_600_000), shop });
    }
    plan.sort((a, b) => a.at - b.at);
    for (const { at, shop } of plan) {
      simulator.setClock(at);
      const choice = pickWeighted(shop.currencies, rand());

      const bundle = rand() < 0.3 ? choice.bundles[Math.floor(rand() * choice.bundles.length)] : undefined;
      const request: CheckoutRequest = {
        currency: choice.currency,
        ...(bundle ? { bundle } : { tracks: 1 + Math.floor(rand() * 3) }),
        successUrl: `${consoleUrl}/demo/storefront/${shop.slug}?paid=1`,
        cancelUrl: `${consoleUrl}/demo/storefront/${shop.slug}`,
      };
      const tenant = tenantOf(shop.slug);
      const { sessionId } = await createCheckout(db, gateway, { id: tenant.id, slug: tenant.slug }, request);
      await simulator.completeCheckoutSession(sessionId);
      salesMade++;
      if (rand() < 0.04) refundsDue.push({ at: at + Math.floor((1 + rand() * 6) * DAY), sessionId, partial: rand() < 0.4 });
      if (!disputeCharge && shop.slug === "northwave" && day >= disputeDay) disputeCharge = { sessionId };
    }

    for (const due of refundsDue.filter((entry) => entry.at < day + DAY)) {
      refundsDue.splice(refundsDue.indexOf(due), 1);
      simulator.setClock(Math.max(due.at, simulator.clock()));
      const session = await gateway.stripe.checkout.sessions.retrieve(due.sessionId, { expand: ["payment_intent"] });
      const charge = (session.payment_intent as { latest_charge?: string } | null)?.latest_charge;
      if (!charge || typeof charge !== "string") continue;
      const amount = session.amount_total ?? 0;
      await gateway.stripe.refunds.create({ charge, ...(due.partial ? { amount: Math.floor(amount / 2) } : {}) });
      refundsMade++;
    }

    if (disputeCharge && day === disputeDay + 3 * DAY) {
      const session = await gateway.stripe.checkout.sessions.retrieve(disputeCharge.sessionId, { expand: ["payment_intent"] });
      const charge = (session.payment_intent as { latest_charge?: string } | null)?.latest_charge;
      if (charge && typeof charge === "string") {
        const dispute = simulator.createDispute(charge, { reason: "fraudulent" });
        disputeCharge = null;
        // Lost three weeks later: the partner's part stays taken back.
        disputeToClose = { id: dispute.id, at: day + 21 * DAY };
      }
    }
    if (disputeToClose && disputeToClose.at < day + DAY) {
      simulator.closeDispute(disputeToClose.id, "lost");
      disputeToClose = null;
    }

    if (!flags.failing && day >= failFrom) {
      simulator.failNextPayouts(accounts.get("northwave") as string, "account_closed");
      flags.failing = true;
    }
    if (flags.failing && !flags.failed && day >= failUntil) {
      simulator.failNextPayouts(accounts.get("northwave") as string, null);
      flags.failed = true;
    }
    if (!flags.pastDue && day >= pastDueAt) {
      simulator.setRequirements(accounts.get("fjordsound") as string, {
        currently_due: ["individual.verification.document"],
        past_due: ["individual.verification.document"],
        eventually_due: ["individual.verification.document"],
        current_deadline: Math.floor((pastDueAt + 14 * DAY) / 1000),
        disabled_reason: "requirements.past_due",
        payouts_enabled: false,
      });
      flags.pastDue = true;
    }
    if (!flags.held && day >= holdAt) {
      const beatlab = tenantOf("beatlab");
      const actor: AuditActor = { userId: finance?.id ?? null, label: "finance@masterchannel.test", requestId: null, ip: null };
      await system((tx) =>
        holdPayouts(tx, gateway, actor, {
          tenantId: beatlab.id,
          reason: "Chargeback rate above our threshold: holding until the partner explains",
        }),
      );
      flags.held = true;
    }

    await simulator.advanceTo(day + DAY);
    await simulator.flushWebhooks();
  }
  // Back to the wall clock: from here on the demo's Stripe lives in the present.
  simulator.setClock(Date.now());
  await simulator.flushWebhooks();
  return { sales: salesMade, refunds: refundsMade };
}
