/** In narrow table cells a badge keeps its whole label instead of an ellipsis. */
export const NO_TRUNCATE = { root: { flexShrink: 0, overflow: "visible" }, label: { overflow: "visible" } } as const;
