/// <reference lib="dom" />
/** The "Spørg data" page's controls: question search, question, statistic, two `by`, base, filters, answers, adjust. */
import { BASES, CODE_GROUPINGS, COLUMNS, DERIVED_QUESTIONS, MULTI_RESPONSE_GROUPS } from "../codebook";
import { columnOf, scaleOf } from "./names";
import type { AskSpec, AskSpecInput } from "./spec";

/** Text made safe inside HTML. @example escapeHtml('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;" */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function option(value: string, label: string): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
}

/** An option group of named things, each with its Danish label. */
function group(label: string, named: readonly { name: string; label: { da: string } }[]): string {
  return `<optgroup label="${label}">${named.map((n) => option(n.name, n.label.da)).join("")}</optgroup>`;
}

const CATEGORICAL = COLUMNS.filter((c) => c.kind === "categorical");
const ITEMS = COLUMNS.filter((c) => c.kind === "binary");
const VARIABLES = group("Variabler", CATEGORICAL);
const BY_OPTIONS = `${option("", "(ingen)")}${VARIABLES}${group("Grupperinger", CODE_GROUPINGS)}`;

/** The controls' HTML (selects and code boxes): `el("ask-controls").innerHTML = controlsHtml()`. */
export function controlsHtml(): string {
  const questions = [
    group("Spørgsmål med flere svar", MULTI_RESPONSE_GROUPS),
    group("Spørgsmål med ét svar", CATEGORICAL),
    group("Afledte spørgsmål (ikke adspurgte tæller som nej)", DERIVED_QUESTIONS),
    group("Enkelte svar i spørgsmål med flere svar (ja/nej)", ITEMS),
  ].join("");
  const stats = [
    option("share", "Andel (%)"),
    option("mean", "Gennemsnit (skala; «ved ikke» udeladt)"),
    option("total", "Antal virksomheder (vægtet)"),
  ].join("");
  const bases = BASES.map((b) => option(b.name, b.label.da)).join("");
  const items = group("Enkelte svar (ja/nej)", ITEMS);
  const noFilter = option("", "(intet filter)");
  const field = (id: string, label: string, control: string): string =>
    `<label class="ask-field" for="${id}"><span>${label}</span>${control}</label>`;
  return [
    field("ask-search", "Søg i spørgsmålene", `<input id="ask-search" type="search" autocomplete="off">`),
    field("ask-question", "Spørgsmål", `<select id="ask-question">${questions}</select>`),
    field("ask-stat", "Statistik", `<select id="ask-stat">${stats}</select>`),
    field("ask-by1", "Opdel efter", `<select id="ask-by1">${BY_OPTIONS}${items}</select>`),
    field("ask-by2", "og efter", `<select id="ask-by2">${BY_OPTIONS}${items}</select>`),
    field("ask-base", "Base", `<select id="ask-base">${option("", "(de adspurgte)")}${bases}</select>`),
    ...FILTER_SLOTS.flatMap((slot, k) => [
      field(
        filterId("variable", slot),
        k === 0 ? "Filter" : "og filter",
        `<select id="${filterId("variable", slot)}">${noFilter}${VARIABLES}${items}</select>`,
      ),
      `<fieldset class="ask-codes" id="${filterId("codes", slot)}"><legend>Behold kun svarene (filter ${k + 1})</legend></fieldset>`,
    ]),
    `<fieldset class="ask-codes" id="ask-answers"><legend>Tæl disse svar sammen (intet valgt: hvert svar for sig)</legend></fieldset>`,
    `<fieldset class="ask-codes" id="ask-adjust"><legend>Justér for (justerede andele pr. gruppe i én opdeling)</legend>${ADJUST_CHOICES.map(adjustBox).join("")}</fieldset>`,
  ].join("\n");
}

/** The page's filter slots: up to three filters, each a variable and its ticked codes. */
export const FILTER_SLOTS = [1, 2, 3] as const;
type FilterSlot = (typeof FILTER_SLOTS)[number];

/** The id of a filter slot's select or code boxes (slot 1: the first ids). @example filterId("codes", 2) */
export function filterId(part: "variable" | "codes", slot: FilterSlot): string {
  return `ask-filter-${part}${slot === 1 ? "" : `-${slot}`}`;
}

/** The variables offered under "Justér for": the single-answer columns everyone is asked. */
const ADJUST_CHOICES = COLUMNS.filter((c) => c.kind === "categorical" && "always" in c.askedOf).map((c) => c.name);

function adjustBox(name: string): string {
  const label = escapeHtml(columnOf(name)?.label.da ?? name);
  return `<label><input type="checkbox" name="adjust" value="${escapeHtml(name)}"> ${label}</label>`;
}

function select(id: string): HTMLSelectElement {
  return document.getElementById(id) as HTMLSelectElement;
}

function checked(id: string): number[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>(`#${id} input:checked`)).map((i) => Number(i.value));
}

/** Fills the code boxes of the answers or a filter slot with its variable's codes: `fillCodeChoices(2, [1, 2])`. */
export function fillCodeChoices(which: "answers" | FilterSlot, ticked: readonly number[] = []): void {
  const id = which === "answers" ? "ask-answers" : filterId("codes", which);
  const variable = which === "answers" ? select("ask-question").value : select(filterId("variable", which)).value;
  const column = columnOf(variable);
  const box = document.getElementById(id) as HTMLFieldSetElement;
  const legend = box.querySelector("legend")?.outerHTML ?? "";
  const kinds = which === "answers" ? ["categorical"] : ["categorical", "binary"];
  const codes = column && kinds.includes(column.kind) ? column.codes : [];
  const tick = (code: number): string => (ticked.includes(code) ? " checked" : "");
  const boxes = codes.map(
    (c) =>
      `<label><input type="checkbox" value="${c.code}"${tick(c.code)}> ${c.code} ${escapeHtml(c.label.da)}</label>`,
  );
  box.innerHTML = legend + boxes.join("");
  box.hidden = codes.length === 0;
}

function ensureOption(id: string, value: string): void {
  const s = select(id);
  if (value !== "" && !Array.from(s.options).some((o) => o.value === value))
    s.insertAdjacentHTML("beforeend", option(value, columnOf(value)?.label.da ?? value));
  s.value = value;
}

/** Whether a filter variable is picked with no code ticked yet (the answer then waits). @example filterPending() */
export function filterPending(): boolean {
  return FILTER_SLOTS.some(
    (slot) => select(filterId("variable", slot)).value !== "" && checked(filterId("codes", slot)).length === 0,
  );
}

/** Shows only the questions whose label or name holds `text` (empty: all). @example searchQuestions("barriere") */
export function searchQuestions(text: string): void {
  const term = text.trim().toLowerCase();
  for (const o of Array.from(select("ask-question").options))
    o.hidden = term !== "" && !`${o.text} ${o.value}`.toLowerCase().includes(term);
}

/** Offers the mean only for a question with a scale (the one chosen). @example enableStatistics() */
export function enableStatistics(): void {
  const mean = select("ask-stat").querySelector<HTMLOptionElement>('option[value="mean"]');
  if (mean) mean.disabled = scaleOf(select("ask-question").value) === null;
}

/** Shows a spec in the controls. @example setControls(specFromQuery(location.search)) */
export function setControls(spec: AskSpec): void {
  ensureOption("ask-question", spec.question);
  select("ask-stat").value = spec.stat;
  enableStatistics();
  ensureOption("ask-by1", spec.by[0] ?? "");
  ensureOption("ask-by2", spec.by[1] ?? "");
  select("ask-base").value = spec.base ?? "";
  for (const slot of FILTER_SLOTS) {
    const filter = spec.filters[slot - 1];
    ensureOption(filterId("variable", slot), filter?.variable ?? "");
    fillCodeChoices(slot, filter?.codes ?? []);
  }
  fillCodeChoices("answers", spec.answers?.flatMap((a) => a.codes) ?? []);
  const adjust = document.getElementById("ask-adjust") as HTMLElement;
  for (const name of spec.adjust ?? [])
    if (!adjust.querySelector(`input[value="${name}"]`)) adjust.insertAdjacentHTML("beforeend", adjustBox(name));
  for (const box of Array.from(adjust.querySelectorAll<HTMLInputElement>("input")))
    box.checked = spec.adjust?.includes(box.value) ?? false;
  (document.getElementById("ask-answers") as HTMLElement).hidden ||= spec.stat === "mean";
}

/** The spec the controls show (a link's answer groups or extra filters kept till changed): `readControls(current)`. */
export function readControls(current: AskSpec | null): AskSpecInput {
  const question = select("ask-question").value;
  const answerCodes = checked("ask-answers");
  const stat = select("ask-stat").value;
  const sameQuestion = current !== null && current.question === question;
  const shownCodes = (current?.answers ?? []).flatMap((a) => a.codes);
  const sameCodes = shownCodes.sort().join() === [...answerCodes].sort().join();
  const keptAnswers = sameQuestion && current.answers !== null && sameCodes ? current.answers : null;
  const filters = FILTER_SLOTS.flatMap((slot) => {
    const [variable, codes] = [select(filterId("variable", slot)).value, checked(filterId("codes", slot))];
    return variable !== "" && codes.length > 0 ? [`${variable}=${codes.join(",")}`] : [];
  });
  // A link's filters beyond the page's slots are kept until changed.
  filters.push(...(current?.filters.slice(FILTER_SLOTS.length).map((f) => `${f.variable}=${f.codes.join(",")}`) ?? []));
  return {
    question,
    by: [select("ask-by1").value, select("ask-by2").value].filter((b) => b !== ""),
    base: select("ask-base").value || null,
    filter: filters,
    answers:
      stat === "mean" || !sameQuestion
        ? null
        : (keptAnswers ?? (answerCodes.length > 0 ? [{ codes: answerCodes }] : null)),
    stat: stat === "mean" && scaleOf(question) === null ? "share" : stat,
    adjust: Array.from(document.querySelectorAll<HTMLInputElement>("#ask-adjust input:checked"), (i) => i.value),
    lang: current?.lang,
    minN: current?.minN,
    minEffectiveN: current?.minEffectiveN,
  };
}
