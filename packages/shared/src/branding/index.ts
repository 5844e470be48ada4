export * from "./colors.js";
export * from "./contrast.js";
export * from "./oklch.js";
export * from "./themes.js";
