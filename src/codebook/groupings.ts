/** Groupings of a column's codes that the report's text compares. */
import { AT_LEAST_10_FTE, ECONOMY_LESS_OPTIMISTIC, ECONOMY_POSITIVE, UNDER_10_FTE } from "./answers";
import { label, type Label } from "./labels";

/** A named group of a column's codes, with labels. */
export interface CodeGroup {
  label: Label;
  codes: readonly number[];
}

/** A named split of one column's codes into groups (for subgroup comparisons and `by`). */
export interface CodeGrouping {
  name: string; // e.g. `stoerrelse_2grp`
  variable: string; // the column whose codes are grouped
  label: Label;
  groups: readonly CodeGroup[];
}

/** `stoerrelse` as the report compares it: under 10 FTE (1), 10 or more (2–3). @example STOERRELSE_2GRP.variable */
export const STOERRELSE_2GRP: CodeGrouping = {
  name: "stoerrelse_2grp",
  variable: "stoerrelse",
  label: label("Antal årsværk (to grupper)", "Full-time equivalents (two groups)"),
  groups: [
    { label: label("Under 10 årsværk", "Under 10 FTE"), codes: UNDER_10_FTE },
    { label: label("Mindst 10 årsværk", "10 FTE or more"), codes: AT_LEAST_10_FTE },
  ],
};

/** `oekonomi` as the report compares it: positive (1–2), less optimistic (3–5). @example OEKONOMI_2GRP.name */
export const OEKONOMI_2GRP: CodeGrouping = {
  name: "oekonomi_2grp",
  variable: "oekonomi",
  label: label("Økonomisk situation (to grupper)", "Economic situation (two groups)"),
  groups: [
    { label: label("Positiv (meget god/god)", "Positive (very good/good)"), codes: ECONOMY_POSITIVE },
    {
      label: label("Mindre optimistisk (øvrige svar)", "Less optimistic (other answers)"),
      codes: ECONOMY_LESS_OPTIMISTIC,
    },
  ],
};

/** Every named grouping of codes. @example CODE_GROUPINGS.map((g) => g.name) // ["stoerrelse_2grp", "oekonomi_2grp"] */
export const CODE_GROUPINGS: readonly CodeGrouping[] = [STOERRELSE_2GRP, OEKONOMI_2GRP];
