export * from "./audit-chain.js";
export * from "./client.js";
export * from "./consent-ledger.js";
export * from "./consent-retention.js";
export * from "./consent-stats-ingest.js";
export * from "./consent-stats-rebuild.js";
export * from "./context.js";
export * from "./ledger-signing-key.js";
export * from "./migration-status.js";
export * from "./passwords.js";
export * as schema from "./schema/index.js";
export * from "./schema/index.js";
export * from "./seed.js";
export {
  DEMO_CONSENT_EVENTS,
  demoPublishableKey,
  demoSubjectId,
  type SeedConsentEventsOptions,
  type SeedConsentEventsResult,
  seedDemoConsentEvents,
} from "./seed-consent.js";
