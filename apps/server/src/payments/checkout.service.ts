/**
 * A storefront's checkout: priced from the tenant's price book version in effect, split by its
 * revenue share, and created at Stripe as a Checkout Session whose payment is a destination charge
 * to the partner's connected account with the platform fee as the application fee. The sale is
 * recorded (open) with the price version it used; Stripe's webhook marks it paid.
 */
import { randomUUID } from "node:crypto";
import { type Database, narrowToTenant, SYSTEM_CONTEXT, sales, tenants, withRlsContext } from "@pc/db";
import { type CheckoutRequest, type CurrencyCode, currencyInfo, formatMinor, splitRevenue } from "@pc/shared";
import { eq } from "drizzle-orm";
import { InvalidInputError } from "../errors.js";
import { findInEffect } from "../routers/prices/prices.queries.js";
import type { StripeGateway } from "../stripe/stripe-gateway.js";
import { findAccount, requireChargesEnabled } from "./connect-accounts.service.js";

export interface CheckoutTenant {
  id: string;
  slug: string;
}

export interface CheckoutAnswer {
  url: string;
  sessionId: string;
}

/** 400 naming the field: a storefront's request the price book cannot serve. */
function refuse(path: string, message: string): never {
  throw new InvalidInputError(path, message);
}

interface Priced {
  kind: "tracks" | "bundle";
  tracks: number;
  gross: number;
  unitAmount: number;
  quantity: number;
  versionId: string;
  version: number;
  revenueShareBps: number;
  description: string;
}

async function price(db: Database, tenantId: string, request: CheckoutRequest): Promise<Priced> {
  const currency = request.currency as CurrencyCode;
  const book = await findInEffect(db, tenantId, currency);
  if (!book || book.version === null) refuse("currency", `This storefront has no prices in ${currency}`);
  if (request.bundle !== undefined) {
    const bundle = book.bundles.find((entry) => entry.tracks === request.bundle);
    if (!bundle) {
      const offered = book.bundles.map((entry) => entry.tracks).join(", ");
      refuse("bundle", `There is no bundle of ${request.bundle} tracks in ${currency}${offered ? ` (bundles: ${offered})` : ""}`);
    }
    return {
      kind: "bundle",
      tracks: bundle.tracks,
      gross: bundle.unitAmount,
      unitAmount: bundle.unitAmount,
      quantity: 1,
      versionId: book.id,
      version: book.version,
      revenueShareBps: book.revenueShareBps,
      description: `Mastering bundle: ${bundle.tracks} tracks`,
    };
  }
  const tracks = request.tracks ?? 1;
  return {
    kind: "tracks",
    tracks,
    gross: book.perTrackAmount * tracks,
    unitAmount: book.perTrackAmount,
    quantity: tracks,
    versionId: book.id,
    version: book.version,
    revenueShareBps: book.revenueShareBps,
    description: tracks === 1 ? "Mastering: 1 track" : `Mastering: ${tracks} tracks`,
  };
}

export async function createCheckout(
  rootDb: Database,
  gateway: StripeGateway,
  tenant: CheckoutTenant,
  request: CheckoutRequest,
): Promise<CheckoutAnswer> {
  const currency = request.currency as CurrencyCode;
  const { priced, account, name } = await withRlsContext(rootDb, SYSTEM_CONTEXT, async (tx) => {
    await narrowToTenant(tx, tenant.id);
    const db = tx as Database;
    const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenant.id)).limit(1);
    return {
      priced: await price(db, tenant.id, request),
      account: requireChargesEnabled(await findAccount(db, tenant.id)),
      name: row?.name ?? tenant.slug,
    };
  });
  const info = currencyInfo(currency);
  if (priced.gross < info.minimumMinor) {
    refuse(
      priced.kind === "bundle" ? "bundle" : "tracks",
      `The total ${formatMinor(priced.gross, currency, "en-GB")} is below Stripe's minimum charge in ${currency}`,
    );
  }
  const { platformFee, partnerShare } = splitRevenue(priced.gross, priced.revenueShareBps);
  const saleId = randomUUID();
  const metadata = { sale_id: saleId, tenant_id: tenant.id, price_version: String(priced.version) };
  const session = await gateway.stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: priced.quantity,
          price_data: { currency: currency.toLowerCase(), unit_amount: priced.unitAmount, product_data: { name: priced.description } },
        },
      ],
      payment_intent_data: {
        application_fee_amount: platformFee,
        transfer_data: { destination: account.stripeAccountId },
        metadata,
        description: `${name}: ${priced.description}`,
      },
      metadata,
      client_reference_id: saleId,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
      ...(request.locale ? { locale: request.locale } : {}),
    },
    { idempotencyKey: `pc-checkout-${saleId}` },
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  await withRlsContext(rootDb, SYSTEM_CONTEXT, async (tx) => {
    await narrowToTenant(tx, tenant.id);
    await tx.insert(sales).values({
      tenantId: tenant.id,
      id: saleId,
      checkoutSessionId: session.id,
      currency,
      kind: priced.kind,
      tracks: priced.tracks,
      priceBookVersionId: priced.versionId,
      priceVersion: priced.version,
      revenueShareBps: priced.revenueShareBps,
      gross: priced.gross,
      platformFee,
      partnerShare,
    });
  });
  return { url: session.url, sessionId: session.id };
}
