/** The notebooks' kit, data half: the dataset and its banner, published figures, bases, groups, item sets. */
import { inBase } from "../report/bases";
import {
  BARRIER_ITEMS,
  CODE_GROUPINGS,
  OFFER_ITEMS,
  baseSpec,
  codeLabel,
  columnSpec,
  itemLabel,
  type BaseName,
  type Lang,
} from "../codebook";
import { loadDataset, type Dataset, type LoadDatasetOptions } from "../report/dataset";
import {
  estimateFigure,
  FIGURE_DEFINITIONS,
  publishedFigure,
  publishedFigures,
  type FigureSpec,
} from "../report/figures";
import { inDomain, subset, svyby, update, weightSummary, type Estimate, type SurveyDesign } from "../survey";
import { integer } from "./format";
import { multiResponse } from "../report/multi";
import { showMarkdown } from "./plotly";

/** The panel's file name, never its path (a path can name a person). @example panelName(ds) */
export function panelName(ds: Pick<Dataset, "panelName">): string {
  return ds.panelName;
}

const REAL_PANEL: Record<Lang, string> = { da: "Rigtige besvarelser.", en: "Real responses." };
const BANNER_WORDS: Record<Lang, { file: string; responses: string; weighted: string; firms: string }> = {
  da: { file: "Panelfil", responses: "besvarelser", weighted: "vægtet til", firms: "virksomheder" },
  en: { file: "Panel file", responses: "responses", weighted: "weighted to", firms: "firms" },
};

/** What the panel is (synthetic or real). @example provenance(ds) // "Bemærk: Respondenterne er syntetiske. …" */
export function provenance(ds: Pick<Dataset, "provenance" | "notice">, lang: Lang = "da"): string {
  return ds.provenance === "real" ? REAL_PANEL[lang] : ds.notice(lang);
}

/** The banner every notebook opens with: the panel, its file, responses and margins. @example bannerMarkdown(ds) */
export function bannerMarkdown(ds: Dataset, lang: Lang = "da"): string {
  const w = BANNER_WORDS[lang];
  return (
    `> **${provenance(ds, lang)}**\n>\n` +
    `> ${w.file}: \`${panelName(ds)}\` · ${integer(ds.design.n, lang)} ${w.responses} · ` +
    `${w.weighted} \`${ds.marginsName}\` (${integer(ds.margins.total, lang)} ${w.firms})`
  );
}

/** Loads the dataset, adds the codebook's groupings, shows the banner. @example const des = openDataset().design; */
export function openDataset(options: LoadDatasetOptions & { lang?: Lang; quiet?: boolean } = {}): Dataset {
  const ds = loadDataset(options);
  const opened = { ...ds, design: withGroupings(ds.design) };
  if (!options.quiet) showMarkdown(bannerMarkdown(opened, options.lang));
  return opened;
}

/** The design with a column per codebook grouping (group 1, 2, … or empty). @example withGroupings(des) */
export function withGroupings(design: SurveyDesign): SurveyDesign {
  const columns: Record<string, (number | null)[]> = {};
  for (const grouping of CODE_GROUPINGS) {
    const values = design.data[grouping.variable];
    if (values === undefined) continue;
    columns[grouping.name] = Array.from(values, (v) => {
      const k = grouping.groups.findIndex((g) => v !== null && g.codes.includes(v));
      return k < 0 ? null : k + 1;
    });
  }
  return update(design, columns);
}

/** The name of a `svyby` group's key. @example groupLabel({ stoerrelse_2grp: 2 }) // "Mindst 10 årsværk" */
export function groupLabel(key: Readonly<Record<string, number>>, lang: Lang = "da"): string {
  return Object.entries(key)
    .map(([name, code]) => {
      const grouping = CODE_GROUPINGS.find((g) => g.name === name);
      if (grouping === undefined) return codeLabel(name, code, lang);
      const group = grouping.groups[code - 1];
      if (group === undefined)
        throw new Error(`groupLabel: grouping "${name}" has no group ${code} (it has ${grouping.groups.length})`);
      return group.label[lang];
    })
    .join(" · ");
}

/** The design restricted to a codebook base (within any domain). @example base(des, "relevant").domainLabel */
export function base(design: SurveyDesign, name: BaseName | string, lang: Lang = "da"): SurveyDesign {
  const spec = baseSpec(name);
  return subset(design, inBase(design, spec.name), spec.label[lang]);
}

/** The size of a design's domain. @example sizeText(relevant) // "n = 2.464 · vægtet basis = 106.614" */
export function sizeText(design: SurveyDesign, lang: Lang = "da"): string {
  const w = weightSummary(design);
  return `n = ${integer(w.n, lang)} · ${lang === "da" ? "vægtet basis" : "weighted base"} = ${integer(w.sum, lang)}`;
}

/** The base of a domain and its size. @example domainText(relevant) // "Basis: … · n = 2.464 · vægtet basis = …" */
export function domainText(design: SurveyDesign, label?: string, lang: Lang = "da"): string {
  const name = label ?? design.domainLabel.join(" · ");
  return `${lang === "da" ? "Basis" : "Base"}: ${name === "" ? baseSpec("all").label[lang] : name} · ${sizeText(design, lang)}`;
}

/** The report's figure with an id (a DataError for an unknown id). @example figure("adoption.uses_ai").value // 44 */
export const figure = publishedFigure;

/** The report's figure with an id, or null. @example findFigure("offers.cybersikkerhed") // null */
export function findFigure(id: string): FigureSpec | null {
  return publishedFigures().some((f) => f.id === id) ? publishedFigure(id) : null;
}

/** A published figure's name in words. @example figureName("adoption.uses_ai") // "Bruger AI" */
export function figureName(id: string): string {
  const definition = FIGURE_DEFINITIONS[id];
  if (definition === undefined) return `Anden kilde: ${figure(id).quote.split(/,| og /)[0]}`;
  return definition.label.da;
}

/** A published share estimated by its definition. @example figureEstimate(des, "adoption.uses_ai").value // 0.44 */
export const figureEstimate = estimateFigure;

/** One item of a multi-response set: its column, its codebook key, its label and its share. */
export interface ItemShare {
  column: string;
  key: string;
  label: string;
  estimate: Estimate;
}

/** A multi-response question's items on its base, and the mean number chosen. @example itemSet(des, "tilbud").items */
export function itemSet(
  design: SurveyDesign,
  name: string,
  lang: Lang = "da",
): { design: SurveyDesign; items: ItemShare[]; meanChoices: Estimate } {
  const result = multiResponse(design, name);
  const items = result.items.map(({ column, item, estimate }) => ({
    column,
    key: item,
    label: itemName(column, lang),
    estimate,
  }));
  return { design: base(design, result.base, lang), items, meanChoices: result.meanChoices };
}

/** One item of an item set by its key. @example itemOf(itemSet(des, "bar_salg"), "viden").estimate.value */
export function itemOf(set: { items: readonly ItemShare[] }, key: string): ItemShare {
  const found = set.items.find((it) => it.key === key);
  if (found === undefined)
    throw new Error(`itemOf: no item "${key}" (there are ${set.items.map((it) => it.key).join(", ")})`);
  return found;
}

/** An item's label, " *" where the report does not name it. @example itemName("tilbud_raadgivning_ai") */
function itemName(column: string, lang: Lang = "da"): string {
  const { group, item } = columnSpec(column);
  const items: readonly { key: string; published: boolean }[] = group === "tilbud" ? OFFER_ITEMS : BARRIER_ITEMS;
  const published = items.find((x) => x.key === item)?.published ?? true; // a column outside a group has no item
  return itemLabel(column, lang) + (published ? "" : " *");
}

/** The weights of each group of a column. @example showPlot(boxPlot(weightGroups(des, "stoerrelse"), { log: true })) */
export function weightGroups(
  design: SurveyDesign,
  by: string,
  lang: Lang = "da",
): { name: string; values: number[] }[] {
  return svyby(design, by, (g) => {
    const inside = inDomain(g);
    return Array.from(g.weights).filter((_, i) => inside[i]);
  }).map((group) => ({ name: groupLabel(group.key, lang), values: group.result }));
}
