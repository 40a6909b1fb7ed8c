/** The register of the report's claims (`data/published/claims.csv`) and each claim's status on a dataset. */
import { setImmediate as nextTurn } from "timers/promises";
import * as path from "path";
import { projectRoot } from "../codebook/project-root";
import { label } from "../codebook";
import { parseDelimited, readText } from "../data/csv";
import { DataError } from "../survey";
import { CLAIM_TESTS, worstStatus, type ClaimCheck, type ClaimData, type ClaimStatus } from "./claim-tests";

import { FIGURE_DEFINITIONS } from "./figures";
import { FIGURE_SECTIONS, type PublishedFigure } from "./published";
import type { FigureResult } from "./reproduce";

const CLAIM_COLUMNS = ["id", "section", "place", "text", "meaning", "figures", "test", "reason"] as const;
const CLAIM_PLACES = ["heading", "text", "figure-note"] as const;

/** One entry of the register. */
interface Claim {
  id: string;
  section: string; // one of FIGURE_SECTIONS
  place: (typeof CLAIM_PLACES)[number];
  text: string; // the report's words, verbatim (a sentence or a clause)
  meaning: string; // what it means in the data, in Danish
  figures: string[]; // ids of figures.csv the claim states
  tests: string[]; // names of CLAIM_TESTS
  reason: string; // why it cannot be checked here ("" when it can)
}

/** A claim with its status on a dataset and the checks behind it. */
export interface ClaimResult extends Claim {
  status: ClaimStatus;
  checks: ClaimCheck[];
}

/** The register's default location. @example readClaims(claimsPath()) */
export function claimsPath(): string {
  return path.join(projectRoot(), "data", "published", "claims.csv");
}

/** Reads and validates the register (a reason exactly where nothing checks a claim).
 * @example readClaims(claimsPath(), figures) */
export function readClaims(file: string, figures: readonly PublishedFigure[]): Claim[] {
  const table = parseDelimited(readText(file, label("en læsbar claims.csv", "a readable claims.csv")), file);
  if (table.header.join(",") !== CLAIM_COLUMNS.join(","))
    throw new DataError({
      file,
      row: null,
      value: table.header.join(","),
      problem: "the header is not the register's",
      expected: CLAIM_COLUMNS.join(","),
    });
  const byId = new Map(figures.map((f) => [f.id, f]));
  const seen = new Set<string>();
  return table.rows.map((cells, r) => {
    const err = (column: string, value: string, expected: string): DataError =>
      new DataError({ file, row: r + 1, column, value, expected });
    if (cells.length !== CLAIM_COLUMNS.length) throw err("", cells.join(","), `${CLAIM_COLUMNS.length} cells`);
    const [id, section, place, text, meaning, figureText, testText, reason] = cells;
    if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(id) || seen.has(id)) throw err("id", id, "a unique id topic.name");
    seen.add(id);
    if (!FIGURE_SECTIONS.includes(section)) throw err("section", section, FIGURE_SECTIONS.join(", "));
    if (!(CLAIM_PLACES as readonly string[]).includes(place)) throw err("place", place, CLAIM_PLACES.join(", "));
    if (text.trim() === "" || meaning.trim() === "") throw err(text.trim() === "" ? "text" : "meaning", "", "a text");
    const ids = words(figureText);
    const tests = words(testText);
    for (const f of ids) if (!byId.has(f)) throw err("figures", f, "ids of figures.csv");
    for (const t of tests)
      if (!(t in CLAIM_TESTS)) throw err("test", t, `one of ${Object.keys(CLAIM_TESTS).join(", ")}`);
    const checked = tests.length > 0 || ids.some((f) => byId.get(f)?.ruleSpec.kind !== "context");
    if (checked === (reason.trim() !== ""))
      throw err(
        "reason",
        reason,
        checked ? "empty: the claim is checked by its figures or tests" : "why the claim cannot be checked here",
      );
    return { id, section, place: place as Claim["place"], text, meaning, figures: ids, tests, reason };
  });
}

const words = (cell: string): string[] => cell.split(/\s+/).filter((w) => w !== "");

/** A figure rule in a few Danish words (`approx:T` is written ±T point). */
const RULE_WORDS: Readonly<Record<string, string>> = { round: "afrundet", gt: "mere end", exact: "præcist antal" };

/** A published figure's reproduction as a check; a count's published value is the value shown. */
function figureCheck(r: FigureResult): ClaimCheck {
  const name = FIGURE_DEFINITIONS[r.id]?.label.da ?? r.id;
  const [kind, tolerance] = r.rule.split(":");
  const rule = kind === "approx" ? `±${tolerance} point` : RULE_WORDS[kind];
  const count = r.rule === "exact";
  return {
    label: count ? `${name} (${rule})` : `${name} (rapporten: ${r.published} %, ${rule})`,
    unit: count ? "count" : "share",
    value: (r.reproduced as number) / (count ? 1 : 100),
    ciLow: r.ciLowPct === null || r.ciHighPct === null ? null : r.ciLowPct / 100,
    ciHigh: r.ciLowPct === null || r.ciHighPct === null ? null : r.ciHighPct / 100,
    p: null,
    status: r.holds ? "reproduced" : "does_not_hold",
  };
}

/** Every claim's status from its figures and tests (each test once, in its own turn).
 * @example await evaluateClaims(c, f, data) */
export async function evaluateClaims(
  claims: readonly Claim[],
  figures: readonly FigureResult[],
  data: ClaimData,
): Promise<ClaimResult[]> {
  const results = new Map(figures.map((f) => [f.id, f]));
  const testChecks = new Map<string, ClaimCheck[]>();
  for (const name of new Set(claims.flatMap((c) => c.tests))) {
    await nextTurn(); // the build's workers get their next notebook meanwhile
    testChecks.set(name, CLAIM_TESTS[name](data));
  }
  return claims.map((claim) => {
    const checks = [
      ...claim.figures
        .map((id) => results.get(id))
        .filter((r): r is FigureResult => r !== undefined && r.holds !== null)
        .map(figureCheck),
      ...claim.tests.flatMap((name) => testChecks.get(name) ?? []),
    ];
    const status = checks.length === 0 ? "not_checkable" : worstStatus(checks.map((c) => c.status));
    return { ...claim, status, checks };
  });
}
