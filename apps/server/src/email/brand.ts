/**
 * The look of a mail: a tenant's branding in effect (display name, light-theme primary colour,
 * logo, support address, "Powered by Masterchannel" unless white-labelled), or the operator's for
 * operator mail. Colours are made safe to read on the mail's white card with the contrast helpers
 * of @pc/shared. Read inside the caller's transaction (its RLS context must show the tenant).
 */
import { type Database, operatorProfile, tenants } from "@pc/db";
import { AA_NORMAL_TEXT, buttonLabelColor, nearestPassingShade, normaliseHexColor } from "@pc/shared";
import { eq } from "drizzle-orm";
import { brandAssetPath, findBrandingInEffect } from "../routers/branding/branding.queries.js";

/** The console's own colour (Mantine indigo 6, as the dashboard), for operator mail and unbranded tenants. */
export const OPERATOR_PRIMARY = "#4c6ef5";
export const POWERED_BY = "Powered by Masterchannel";
const CARD_BACKGROUND = "#ffffff";
const FALLBACK_TEXT = "#1a1a1a";

export interface EmailBrand {
  /** Shown as the sender's name, in the header (without a logo) and the footer. */
  name: string;
  /** The header bar and the button. */
  primary: string;
  /** The button's label on `primary`: white or black, whichever contrasts more. */
  buttonLabel: string;
  /** Links on the white card: `primary`, or its nearest shade that reaches 4.5:1. */
  link: string;
  /** Absolute URL of the logo, or null. */
  logoUrl: string | null;
  supportEmail: string | null;
  /** The footer's "Powered by Masterchannel"; null when the tenant is white-labelled. */
  poweredBy: string | null;
}

function brandColors(primary: string): Pick<EmailBrand, "primary" | "buttonLabel" | "link"> {
  const safe = normaliseHexColor(primary) ?? OPERATOR_PRIMARY;
  return {
    primary: safe,
    buttonLabel: buttonLabelColor(safe),
    link: nearestPassingShade(safe, CARD_BACKGROUND, AA_NORMAL_TEXT)?.color ?? FALLBACK_TEXT,
  };
}

export async function operatorBrand(db: Database): Promise<EmailBrand> {
  const [operator] = await db.select().from(operatorProfile).limit(1);
  return {
    name: operator?.name ?? "Partner Console",
    ...brandColors(OPERATOR_PRIMARY),
    logoUrl: null,
    supportEmail: operator?.supportEmail ?? null,
    poweredBy: null,
  };
}

export async function tenantBrand(db: Database, tenantId: string, publicUrl: string): Promise<EmailBrand> {
  const [tenant] = await db.select({ name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  if (!tenant) throw new Error(`tenant ${tenantId} is not visible in this context`);
  const branding = await findBrandingInEffect(db, tenantId);
  if (!branding) {
    const operator = await operatorBrand(db);
    return { ...operator, name: tenant.name, poweredBy: POWERED_BY };
  }
  return {
    name: branding.displayName,
    ...brandColors(branding.colors.light.primary),
    logoUrl: branding.logoAssetId ? `${publicUrl}${brandAssetPath(tenant.slug, branding.logoAssetId)}` : null,
    supportEmail: branding.supportEmail,
    poweredBy: branding.poweredBy ? POWERED_BY : null,
  };
}

export function brandFor(db: Database, tenantId: string | null, publicUrl: string): Promise<EmailBrand> {
  return tenantId ? tenantBrand(db, tenantId, publicUrl) : operatorBrand(db);
}
