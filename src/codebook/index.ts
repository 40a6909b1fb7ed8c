/**
 * The codebook (docs/DATA-CONTRACT.md §2): every column, its codes and labels, who is asked it, the bases
 * and groupings; the one place names, codes and labels come from.
 * @example
 * import { USES_AI, baseSpec, columnSpec } from "./index";
 * svyciprop(design, "ai_brug", USES_AI);
 */
export * from "./labels";
export * from "./conditions";
export * from "./answers";
export * from "./base-specs";
export * from "./columns";
export * from "./groupings";
export * from "./derived";
