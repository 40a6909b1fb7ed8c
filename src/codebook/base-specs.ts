/** The question bases: the funnel all → relevant → potential → barrier, and users and per-area bases. */
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
import { byName, label, type Label } from "./labels";

/** Names of the report's question bases (its funnel), plus the bases the text uses for shares. */
export type BaseName = "all" | "relevant" | "potential" | "barrier" | "users" | `potential_${AreaKey}`;

/** Who is asked about potential: users and firms finding AI relevant. @example holds(RELEVANT_CONDITION, () => 3) */
export const RELEVANT_CONDITION: Condition = { variable: "ai_brug", in: RELEVANT };

/** Who sees large potential in an area (and is asked its barriers). @example areaLargePotential("salg").in // [1, 2] */
export const areaLargePotential = (area: AreaKey): Condition => ({
  variable: potentialColumn(area),
  in: LARGE_POTENTIAL,
});

/** Large potential somewhere. @example holds(POTENTIAL_CONDITION, (c) => (c === "pot_salg" ? 2 : 4)) // true */
export const POTENTIAL_CONDITION: Condition = { anyOf: AREAS.map((a) => areaLargePotential(a.key)) };

/** A barrier (not "ingen") in some area: asked the offers. @example holds(BARRIER_CONDITION, () => 0) // false */
export const BARRIER_CONDITION: Condition = {
  anyOf: AREAS.flatMap((a) =>
    BARRIER_ITEMS.filter((b) => b.key !== NO_BARRIER).map((b) => ({ variable: barrierColumn(a.key, b.key), in: [1] })),
  ),
};

/** A named base: who is asked a question, with its place in the funnel. */
export interface BaseSpec {
  name: BaseName;
  label: Label;
  parent: BaseName | null; // the base this one narrows (null for `all`)
  exclusionReason: Label | null; // why respondents of the parent drop out, in the report's words
  condition: Condition; // who is in the base (on top of the parent)
  funnel: boolean; // one of the four bases of the report's funnel
}

/** A label inside a sentence: its first letter lower case unless its first word is an acronym ("HR"). */
const inSentence = (label: string): string =>
  /^\p{Lu}{2,}\b/u.test(label) ? label : label.charAt(0).toLocaleLowerCase("da") + label.slice(1);

/** The funnel (all → relevant → potential → barrier) and the bases the text uses. @example BASES[0].name // "all" */
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
      `SMV'er, der ser stort/meget stort potentiale i ${inSentence(a.label.da)}`,
      `SMEs seeing large/very large potential in ${inSentence(a.label.en)}`,
    ),
    parent: "relevant",
    exclusionReason: label(
      `ser ikke stort/meget stort potentiale i ${inSentence(a.label.da)}`,
      `sees no large/very large potential in ${inSentence(a.label.en)}`,
    ),
    condition: areaLargePotential(a.key),
    funnel: false,
  })),
];

/** The base of a name; else a DataError listing the names. @example baseSpec("relevant").parent // "all" */
export function baseSpec(name: string): BaseSpec {
  return byName(BASES, "base", name);
}

/** A base and its parents up to `all`, narrowest first. @example baseChain("relevant")[1].name // "all" */
export function baseChain(name: string): BaseSpec[] {
  const chain: BaseSpec[] = [];
  for (let spec = baseSpec(name); ; spec = baseSpec(spec.parent)) {
    chain.push(spec);
    if (spec.parent === null) return chain;
  }
}

/** A base as one condition: its own and every parent's. @example holdsMask(baseCondition("potential"), column, n) */
export function baseCondition(name: string): Condition {
  return { allOf: baseChain(name).map((b) => b.condition) };
}
