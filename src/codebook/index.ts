/** The codebook (docs/DATA-CONTRACT.md §2): columns, codes, labels, who is asked, bases and groupings; the one place
 * names, codes and labels come from. @example import { USES_AI, baseSpec, columnSpec } from "../codebook"; */
export * from "./labels";
export * from "./conditions";
export * from "./answers";
export * from "./base-specs";
export * from "./columns";
export * from "./groupings";
export * from "./derived";
