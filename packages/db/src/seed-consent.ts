/**
 * The consent ledger's demo data: each demo tenant's publishable key `pk_demo_<slug>` (refused in
 * production) and subject secret; and (seedDemoConsentEvents) a year's consent events.
 */
import { randomBytes } from "node:crypto";
import type { Transaction } from "./client.js";
import { consentPublishableKeys, consentSubjectSecrets } from "./schema/index.js";

/** The demo key a storefront (or curl) uses for a demo tenant. */
export const demoPublishableKey = (slug: string) => `pk_demo_${slug}`;

export async function seedConsentKeys(tx: Transaction, tenantId: string, slug: string): Promise<void> {
  await tx.insert(consentPublishableKeys).values({ tenantId, key: demoPublishableKey(slug), isDemo: true });
  await tx.insert(consentSubjectSecrets).values({ tenantId, secret: randomBytes(32).toString("hex") });
}
