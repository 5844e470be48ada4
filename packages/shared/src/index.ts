export * from "./audit/chain.js";
export * from "./branding/index.js";
export * from "./money/index.js";
export * from "./roles.js";
export * from "./schemas/auth.js";
export * from "./schemas/prices.js";
export * from "./schemas/tenants.js";
export * from "./schemas/users.js";
