export * from "./audit.js";
export * from "./invitations.js";
export * from "./tenants.js";
export * from "./users.js";
