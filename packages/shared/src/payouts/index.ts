export * from "./csv-amounts.js";
export * from "./next-payout.js";
export * from "./payout-failures.js";
export * from "./reconciliation.js";
export * from "./refunds.js";
export * from "./requirement-labels.js";
export * from "./requirements.js";
