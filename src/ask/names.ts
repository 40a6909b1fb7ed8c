/** The names a spec may use (aliases, suggestions, `--help`, `--list`) and what they mean: answers, who was asked. */
import { BASES, CODE_GROUPINGS, COLUMNS, DERIVED_QUESTIONS, MULTI_RESPONSE_GROUPS } from "../codebook";
import { baseCondition, baseSpec, itemLabel, type ColumnSpec, type Condition, type Lang } from "../codebook";
import { ANSWER_TEXT, ASK_HELP, LIST_HEADINGS } from "../codebook/messages";

const DANISH_LETTERS: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" };

/** A name as the codebook writes it (lower case, æøå as ae/oe/aa, `_` for spaces): `canonicalName("Økonomi")`. */
export function canonicalName(text: string): string {
  const lower = text.trim().toLowerCase();
  return lower.replace(/[æøå]/g, (ch) => DANISH_LETTERS[ch]).replace(/[\s-]+/g, "_");
}

/** Every name accepted as a question: multi-response groups, columns, derived questions (`questionNames()[0]`). */
export function questionNames(): string[] {
  const columns = COLUMNS.filter((c) => c.kind !== "id").map((c) => c.name);
  return [...MULTI_RESPONSE_GROUPS.map((g) => g.name), ...columns, ...DERIVED_QUESTIONS.map((q) => q.name)];
}

/** Every name accepted for `by`: categorical and 0/1 columns, then named groupings such as `oekonomi_2grp`. */
export function byNames(): string[] {
  const columns = COLUMNS.filter((c) => c.kind === "categorical" || c.kind === "binary").map((c) => c.name);
  return [...columns, ...CODE_GROUPINGS.map((g) => g.name)];
}

/** Every name accepted as a base. @example baseNames()[0] // "all" */
export function baseNames(): string[] {
  return BASES.map((b) => b.name);
}

/** The statistics: a share (percent), a mean on a scale, or an estimated number of firms. */
export const STATISTICS = ["share", "mean", "total"] as const;
export type Statistic = (typeof STATISTICS)[number];

/** Danish (and other) words accepted for names, after `canonicalName`. */
const ALIASES: Record<string, string> = Object.fromEntries(
  Object.entries({
    share: ["andel", "andele", "procent"],
    mean: ["gennemsnit", "middelvaerdi"],
    total: ["antal", "antal_virksomheder"],
    all: ["alle"],
    relevant: ["relevante"],
    potential: ["potentiale"],
    barrier: ["barriere", "barrierer"],
    users: ["brugere"],
    stoerrelse: ["storrelse"],
    oekonomi: ["okonomi"],
  }).flatMap(([name, words]) => words.map((word) => [word, name])),
);

/** The name of `given` among `valid` (exact, Danish letters, alias), or null: `resolveName("Størrelse", byNames())`. */
export function resolveName(given: string, valid: readonly string[]): string | null {
  if (valid.includes(given)) return given;
  const canonical = canonicalName(given);
  if (valid.includes(canonical)) return canonical;
  const alias = ALIASES[canonical];
  return alias !== undefined && valid.includes(alias) ? alias : null;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** Up to three valid names near `given`, nearest first: `suggest("stoerelse", byNames())` → ["stoerrelse", …]. */
export function suggest(given: string, valid: readonly string[]): string[] {
  const g = canonicalName(given);
  if (g === "") return [];
  const limit = Math.max(2, Math.floor(g.length / 3));
  const near = valid
    .map((name) => ({ name, d: name.startsWith(g) && g.length >= 3 ? 0.5 : editDistance(g, name) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, 3)
    .map((x) => x.name);
  return near.length > 0 || g.length < 3 ? near : valid.filter((name) => name.startsWith(g.slice(0, 3))).slice(0, 3);
}

/** The codebook column of a name (not `id`), or undefined. @example columnOf("stoerrelse")?.codes.length // 3 */
export function columnOf(name: string): ColumnSpec | undefined {
  return COLUMNS.find((c) => c.name === name && c.kind !== "id");
}

/** A question's label (multi-response group, derived question or column): `questionLabel("tilbud", "en")`. */
function questionLabel(name: string, lang: Lang = "da"): string {
  const named = MULTI_RESPONSE_GROUPS.find((g) => g.name === name) ?? DERIVED_QUESTIONS.find((q) => q.name === name);
  return (named ?? columnOf(name))?.label[lang] ?? name;
}

/** A `by` name's label (column or grouping). @example byLabel("oekonomi_2grp") // "Økonomisk situation (to grupper)" */
export function byLabel(name: string, lang: Lang = "da"): string {
  return (CODE_GROUPINGS.find((g) => g.name === name) ?? columnOf(name))?.label[lang] ?? name;
}

/** Codes that mean "don't know" or "not relevant" on a scale: left out of a mean, and said so. */
const NOT_ON_SCALE = new Set(["ved ikke", "ikke relevant"]);
/** The ordered rating scales: economy, digitalisation's contribution, potential per area. */
const SCALE_COLUMNS = /^(oekonomi|digi_produktivitet|pot_[a-z]+)$/;

/** A rating scale's codes and those left out of a mean, or null: `scaleOf("digi_produktivitet")?.excluded` // [9] */
export function scaleOf(name: string): { scale: number[]; excluded: number[] } | null {
  const column = columnOf(name);
  if (!column || column.kind !== "categorical" || !SCALE_COLUMNS.test(column.name)) return null;
  const excluded = column.codes.filter((c) => NOT_ON_SCALE.has(c.label.da.toLowerCase())).map((c) => c.code);
  return { scale: column.codes.map((c) => c.code).filter((code) => !excluded.includes(code)), excluded };
}

/** The column behind a `by` name: a grouping's variable, or the name. @example byVariable("oekonomi_2grp") // "oekonomi" */
export function byVariable(name: string): string {
  return CODE_GROUPINGS.find((g) => g.name === name)?.variable ?? name;
}

/** The text of `npx ask --help`, in Danish unless `lang` is "en". @example helpText("da").startsWith("Spørg data") */
export function helpText(lang: Lang): string {
  return ASK_HELP[lang];
}

/** Every name the spec takes (questions, `by` names, bases), with its label. @example listText("da") */
export function listText(lang: Lang): string {
  const line = (name: string, label: string): string => `  ${name.padEnd(28)} ${label}`;
  const kind = (kind: ColumnSpec["kind"]) => COLUMNS.filter((c) => c.kind === kind && c.group === undefined);
  const numeric = kind("numeric").map((c) => line(c.name, c.label[lang]));
  const out = [
    LIST_HEADINGS.multi[lang],
    ...MULTI_RESPONSE_GROUPS.map((g) => line(g.name, g.label[lang])),
    LIST_HEADINGS.single[lang],
    ...kind("categorical").flatMap((c) => [
      line(c.name, `${c.label[lang]}${scaleOf(c.name) ? LIST_HEADINGS.scale[lang] : ""}`),
      `  ${"".padEnd(28)} ${c.codes.map((k) => `${k.code} = ${k.label[lang]}`).join("; ")}`,
    ]),
    ...kind("binary").map((c) => line(c.name, c.label[lang])),
    ...(numeric.length === 0 ? [] : [LIST_HEADINGS.numeric[lang], ...numeric]),
    LIST_HEADINGS.derived[lang],
    ...DERIVED_QUESTIONS.map((q) => line(q.name, q.label[lang])),
    LIST_HEADINGS.groupings[lang],
    ...CODE_GROUPINGS.map((g) => line(g.name, g.label[lang])),
    LIST_HEADINGS.bases[lang],
    ...BASES.map((b) => line(b.name, b.label[lang])),
    LIST_HEADINGS.items[lang],
  ];
  return out.join("\n") + "\n";
}

/** What `resolveQuestion` reads of a spec (an `AskSpec`). */
type QuestionSpec = {
  question: string;
  lang: Lang;
  stat: Statistic;
  answers: { label: string; codes: number[] }[] | null;
};

/** One reported answer: a column and the codes that count for it (none for a numeric question: its values count). */
export interface AnswerItem {
  column: string;
  code: string;
  label: string;
  codes: number[];
}

type Recode = ((v: number | null) => number | null) | null;

/** A question resolved against the codebook. */
export interface ResolvedQuestion {
  name: string;
  label: string;
  kind: "categorical" | "binary" | "multi" | "numeric";
  items: AnswerItem[];
  /** The base the question was asked of (a name when one matches), as a condition on a respondent. */
  asked: { name: string | null; label: string; condition: Condition };
  /** For the Rao–Scott test: per tested column, its item key and a recoding of its values (answer groups). */
  tested: { column: string; item: string | null; label: string; recode: Recode }[];
}

function namedBase(name: string, lang: Lang): ResolvedQuestion["asked"] {
  return { name, label: baseSpec(name).label[lang], condition: baseCondition(name) };
}

function askedOf(condition: Condition, question: string, lang: Lang): ResolvedQuestion["asked"] {
  const same = JSON.stringify(condition);
  const base = BASES.find(
    (b) => JSON.stringify(b.condition) === same || JSON.stringify(baseCondition(b.name)) === same,
  );
  if (base) return namedBase(base.name, lang);
  return { name: null, label: ANSWER_TEXT.askedTo(question)[lang], condition };
}

/** Codes to the number of their group (1, 2, …), others to `rest`. */
function groupRecode(groups: readonly { codes: readonly number[] }[], rest: number | null): Recode {
  const groupOf = new Map<number, number>();
  groups.forEach((g, k) => g.codes.forEach((c) => groupOf.set(c, k + 1)));
  return (v) => (v === null ? null : (groupOf.get(v) ?? rest));
}

/** The question of a spec: its answers (per statistic and answer groups) and who was asked: `resolveQuestion(spec)`. */
export function resolveQuestion(spec: QuestionSpec): ResolvedQuestion {
  const lang = spec.lang;
  const group = MULTI_RESPONSE_GROUPS.find((g) => g.name === spec.question);
  if (group) {
    const items = group.columns.map((column) => {
      return { column, code: columnOf(column)?.item ?? column, label: itemLabel(column, lang), codes: [1] };
    });
    const tested = items.map((i) => ({ column: i.column, item: i.code, label: i.label, recode: null }));
    return {
      name: group.name,
      label: group.label[lang],
      kind: "multi",
      items,
      asked: namedBase(group.base, lang),
      tested,
    };
  }
  const derived = DERIVED_QUESTIONS.find((q) => q.name === spec.question);
  if (derived) {
    const [name, label] = [derived.name, derived.label[lang]];
    const items = [{ column: name, code: "1", label, codes: [1] }];
    const tested = [{ column: name, item: null, label, recode: null }];
    return { name, label, kind: "binary", items, asked: namedBase(derived.askedOf, lang), tested };
  }
  const column = columnOf(spec.question);
  if (!column)
    throw new Error(`resolveQuestion: "${spec.question}" is not in the codebook (normalizeSpec checks this)`);
  const label = questionLabel(column.name, lang);
  const common = { name: column.name, label, asked: askedOf(column.askedOf, column.name, lang) };
  const whole = { column: column.name, item: null, label, recode: null };
  const item = (code: string, text: string, codes: number[]): AnswerItem => ({
    column: column.name,
    code,
    label: text,
    codes,
  });
  if (column.kind === "binary")
    return { ...common, kind: "binary", items: [item("1", itemLabel(column.name, lang), [1])], tested: [whole] };
  if (column.kind === "numeric") {
    const text = { mean: { da: "Gennemsnit", en: "Mean" }, total: { da: "Sum", en: "Total" }, share: null }[spec.stat];
    if (text === null)
      throw new Error(`resolveQuestion: a share of numeric "${column.name}" (normalizeSpec checks this)`);
    // No Rao–Scott test: a number has no distribution of codes.
    return { ...common, kind: "numeric", items: [item(spec.stat, text[lang], [])], tested: [] };
  }
  const categorical = (items: AnswerItem[], tested: ResolvedQuestion["tested"] = [whole]): ResolvedQuestion => {
    return { ...common, kind: "categorical", items, tested };
  };
  if (spec.stat === "mean") {
    const codes = scaleOf(column.name)?.scale ?? [];
    return categorical([item("mean", ANSWER_TEXT.meanOfScale(`${codes[0]}–${codes[codes.length - 1]}`)[lang], codes)]);
  }
  if (spec.answers !== null) {
    const groups = spec.answers;
    const items = groups.map((g) => item(g.codes.join("+"), g.label, g.codes));
    // Overlapping groups are each their own share; the test is then of the answers themselves, not of the groups.
    const overlap = new Set(groups.flatMap((g) => g.codes)).size < groups.reduce((sum, g) => sum + g.codes.length, 0);
    return categorical(items, [overlap ? whole : { ...whole, recode: groupRecode(groups, groups.length + 1) }]);
  }
  return categorical(column.codes.map((c) => item(String(c.code), c.label[lang], [c.code])));
}

/** A `by` name resolved: its column, its levels (code and label), and the recoding of a named grouping. */
export interface ResolvedBy {
  name: string;
  variable: string;
  label: string;
  levels: { code: number; label: string }[];
  recode: Recode;
}

/** The levels of a `by` name: a column's codes, or a grouping's groups numbered 1, 2, …: `resolveBy("stoerrelse_2grp")`. */
export function resolveBy(name: string, lang: Lang): ResolvedBy {
  const grouping = CODE_GROUPINGS.find((g) => g.name === name);
  if (grouping) {
    const levels = grouping.groups.map((g, k) => ({ code: k + 1, label: g.label[lang] }));
    const recode = groupRecode(grouping.groups, null);
    return { name, variable: grouping.variable, label: grouping.label[lang], levels, recode };
  }
  const column = columnOf(name);
  if (!column) throw new Error(`resolveBy: "${name}" is not in the codebook (normalizeSpec checks this)`);
  const levels = column.codes.map((c) => ({ code: c.code, label: c.label[lang] }));
  return { name, variable: name, label: column.label[lang], levels, recode: null };
}
