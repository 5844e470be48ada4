/**
 * The body of GET /api/public/tenants/:slug/config: what a storefront needs to look like its
 * partner and sell at today's prices. Built from the branding and price versions in effect now, so
 * a scheduled version appears at its time without anyone touching the server. It holds nothing
 * internal: no ids of rows or people, no drafts, no scheduled versions, no revenue share.
 */
import type { Database, Transaction } from "@pc/db";
import { type BrandingTheme, buttonLabelColor, CURRENCY_CODES, type CurrencyCode, currencyInfo, isCurrencyCode } from "@pc/shared";
import { type BrandingVersionRow, brandAssetPath, findBrandingInEffect } from "../../routers/branding/branding.queries.js";
import { verifiedDomains } from "../../routers/domains/domains.service.js";
import { pricesInEffect } from "../../routers/prices/prices.queries.js";
import { type PublicTenant, withActiveTenant } from "./active-tenant.js";

export interface StorefrontTheme extends BrandingTheme {
  /** The label colour on a button filled with `primary`; storefronts must use it, not one of their own. */
  buttonLabel: string;
}

export interface StorefrontBranding {
  version: number;
  effectiveFrom: string;
  displayName: string;
  legalName: string;
  legalAddress: string;
  supportEmail: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  light: StorefrontTheme;
  dark: StorefrontTheme;
  poweredBy: boolean;
}

export interface StorefrontPrice {
  currency: CurrencyCode;
  /** Stripe's minor-unit exponent: `unitAmount / 10 ** currencyExponent` is the amount. */
  currencyExponent: number;
  /** Decimals to show (0 for ISK, whose exponent is 2). */
  currencyDecimals: number;
  version: number;
  effectiveFrom: string;
  taxBehavior: "inclusive" | "exclusive";
  perTrack: { unitAmount: number };
  /** Smallest bundle first. */
  bundles: Array<{ tracks: number; unitAmount: number }>;
}

export interface StorefrontConfig {
  tenant: { slug: string; name: string };
  /** null until the tenant first publishes its branding. */
  branding: StorefrontBranding | null;
  /** One entry per currency with a version in effect, in the console's currency order. */
  prices: StorefrontPrice[];
  /** Verified custom host names, alphabetical. */
  domains: string[];
}

/** The config of the active tenant named `slug`, or null for an unknown, suspended or malformed one. */
export function loadStorefrontConfig(db: Database, slug: string, publicUrl: string): Promise<StorefrontConfig | null> {
  return withActiveTenant(db, slug, (tx, tenant) => buildConfig(tx, tenant, publicUrl));
}

async function buildConfig(tx: Transaction, tenant: PublicTenant, publicUrl: string): Promise<StorefrontConfig> {
  const branding = await findBrandingInEffect(tx, tenant.id);
  const prices = await pricesInEffect(tx, tenant.id);
  const domains = await verifiedDomains(tx, tenant.id);
  const assetUrl = (assetId: string | null) => (assetId ? `${publicUrl.replace(/\/+$/, "")}${brandAssetPath(tenant.slug, assetId)}` : null);
  const order = (currency: string) => CURRENCY_CODES.indexOf(currency as CurrencyCode);
  return {
    tenant: { slug: tenant.slug, name: branding?.displayName ?? tenant.name },
    branding: branding ? brandingView(branding, assetUrl) : null,
    prices: prices
      .flatMap((row) => {
        const currency = row.currency;
        // A currency the console no longer lists cannot be formatted or charged: left out.
        if (!isCurrencyCode(currency) || row.version === null || row.effectiveFrom === null) return [];
        const info = currencyInfo(currency);
        const price: StorefrontPrice = {
          currency,
          currencyExponent: info.exponent,
          currencyDecimals: info.decimals,
          version: row.version,
          effectiveFrom: row.effectiveFrom.toISOString(),
          taxBehavior: row.taxBehavior,
          perTrack: { unitAmount: row.perTrackAmount },
          bundles: [...row.bundles]
            .sort((a, b) => a.tracks - b.tracks)
            .map((bundle) => ({ tracks: bundle.tracks, unitAmount: bundle.unitAmount })),
        };
        return [price];
      })
      .sort((a, b) => order(a.currency) - order(b.currency)),
    domains,
  };
}

function brandingView(row: BrandingVersionRow, assetUrl: (assetId: string | null) => string | null): StorefrontBranding | null {
  if (row.version === null || row.effectiveFrom === null) return null;
  const theme = ({ primary, accent, background, text }: BrandingTheme): StorefrontTheme => ({
    primary,
    accent,
    background,
    text,
    buttonLabel: buttonLabelColor(primary),
  });
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom.toISOString(),
    displayName: row.displayName,
    legalName: row.legalName,
    legalAddress: row.legalAddress,
    supportEmail: row.supportEmail,
    logoUrl: assetUrl(row.logoAssetId),
    faviconUrl: assetUrl(row.faviconAssetId),
    light: theme(row.colors.light),
    dark: theme(row.colors.dark),
    poweredBy: row.poweredBy,
  };
}
