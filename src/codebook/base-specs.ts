/** The question bases: the funnel all → relevant → potential → barrier, and users and per-area bases. */

import { DataError } from "../survey";
import {
  AREAS,
  BARRIER_ITEMS,
  LARGE_POTENTIAL,
  NO_BARRIER,
  RELEVANT,
  USES_AI,
  barrierColumn,
  potentialColumn,
  type AreaKey,
} from "./answers";
import { ALWAYS, type Condition } from "./conditions";
import { label, type Label } from "./labels";

/** Names of the report's question bases (its funnel), plus the bases the text uses for shares. */
export type BaseName = "all" | "relevant" | "potential" | "barrier" | "users" | `potential_${AreaKey}`;

/**
 * Who is asked about potential: AI users and firms finding it relevant.
 * @example holds(RELEVANT_CONDITION, () => 3) // true
 */
export const RELEVANT_CONDITION: Condition = { variable: "ai_brug", in: RELEVANT };

/**
 * Who sees large potential in one area (and so is asked that area's barriers).
 * @example areaLargePotential("salg") // { variable: "pot_salg", in: [1, 2] }
 */
export const areaLargePotential = (area: AreaKey): Condition => ({
  variable: potentialColumn(area),
  in: LARGE_POTENTIAL,
});

/** Large potential somewhere. @example holds(POTENTIAL_CONDITION, (c) => (c === "pot_salg" ? 2 : 4)) // true */
export const POTENTIAL_CONDITION: Condition = { anyOf: AREAS.map((a) => areaLargePotential(a.key)) };

/**
 * At least one barrier (other than "ingen") in at least one area: who is asked the offers.
 * @example holds(BARRIER_CONDITION, () => 0) // false
 */
export const BARRIER_CONDITION: Condition = {
  anyOf: AREAS.flatMap((a) =>
    BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => ({ variable: barrierColumn(a.key, b.key), in: [1] })),
  ),
};

/** A named base: who is asked a question, with its place in the funnel. */
export interface BaseSpec {
  name: BaseName;
  label: Label;
  /** The base this one narrows (null for `all`). */
  parent: BaseName | null;
  /** Why respondents of the parent drop out, in the report's words. */
  exclusionReason: Label | null;
  /** Who is in the base (applied on top of the parent). */
  condition: Condition;
  /** True for the four bases of the report's funnel. */
  funnel: boolean;
}

/**
 * The report's funnel (all → relevant → potential → barrier) and the other bases the text uses.
 * @example BASES.filter((b) => b.funnel).map((b) => b.name) // ["all", "relevant", "potential", "barrier"]
 */
export const BASES: readonly BaseSpec[] = [
  {
    name: "all",
    label: label("Alle SMV'er", "All SMEs"),
    parent: null,
    exclusionReason: null,
    condition: ALWAYS,
    funnel: true,
  },
  {
    name: "relevant",
    label: label("SMV'er, der bruger AI eller finder det relevant", "SMEs that use AI or find it relevant"),
    parent: "all",
    exclusionReason: label(
      "har ikke anvendt kunstig intelligens og kan ikke se relevansen heraf",
      "has not used AI and does not see its relevance",
    ),
    condition: RELEVANT_CONDITION,
    funnel: true,
  },
  {
    name: "potential",
    label: label(
      "SMV'er, der ser stort/meget stort potentiale inden for mindst ét forretningsområde",
      "SMEs seeing large/very large potential in at least one business area",
    ),
    parent: "relevant",
    exclusionReason: label(
      "ser ikke et stort eller meget stort potentiale inden for mindst ét forretningsområde",
      "sees no large or very large potential in any business area",
    ),
    condition: POTENTIAL_CONDITION,
    funnel: true,
  },
  {
    name: "barrier",
    label: label("SMV'er, der oplever mindst én barriere", "SMEs reporting at least one barrier"),
    parent: "potential",
    exclusionReason: label(
      "oplever ikke mindst én barriere for arbejdet med kunstig intelligens",
      "reports no barrier to working with AI",
    ),
    condition: BARRIER_CONDITION,
    funnel: true,
  },
  {
    name: "users",
    label: label("SMV'er, der bruger AI", "SMEs that use AI"),
    parent: "all",
    exclusionReason: label("bruger ikke kunstig intelligens", "does not use AI"),
    condition: { variable: "ai_brug", in: USES_AI },
    funnel: false,
  },
  ...AREAS.map((a): BaseSpec => ({
    name: `potential_${a.key}`,
    label: label(
      `SMV'er, der ser stort/meget stort potentiale i ${a.label.da.toLowerCase()}`,
      `SMEs seeing large/very large potential in ${a.label.en.toLowerCase()}`,
    ),
    parent: "relevant",
    exclusionReason: label(
      `ser ikke stort/meget stort potentiale i ${a.label.da.toLowerCase()}`,
      `sees no large/very large potential in ${a.label.en.toLowerCase()}`,
    ),
    condition: areaLargePotential(a.key),
    funnel: false,
  })),
];

/** The base of a name; else a DataError listing the names. @example baseSpec("relevant").parent // "all" */
export function baseSpec(name: string): BaseSpec {
  const spec = BASES.find((b) => b.name === name);
  if (!spec)
    throw new DataError({
      file: "codebook",
      value: name,
      problem: `Unknown base "${name}"`,
      expected: `one of ${BASES.map((b) => b.name).join(", ")}`,
    });
  return spec;
}

/**
 * A base and its parents up to `all`, narrowest first: everyone in the base meets every condition.
 * @example baseChain("barrier").map((b) => b.name) // ["barrier", "potential", "relevant", "all"]
 */
export function baseChain(name: string): BaseSpec[] {
  const chain: BaseSpec[] = [];
  for (let spec = baseSpec(name); ; spec = baseSpec(spec.parent)) {
    chain.push(spec);
    if (spec.parent === null) return chain;
  }
}
