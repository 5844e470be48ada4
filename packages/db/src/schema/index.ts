export * from "./audit.js";
export * from "./branding.js";
export * from "./consent.js";
export * from "./invitations.js";
export * from "./policies.js";
export * from "./price-books.js";
export * from "./tenants.js";
export * from "./users.js";
