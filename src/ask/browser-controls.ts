/// <reference lib="dom" />
/** The "Spørg data" page's controls (question, two `by`, base, one filter, answer codes, statistic, adjustment) and their spec. */
import { BASES, CODE_GROUPINGS, COLUMNS, MULTI_RESPONSE_GROUPS } from "../codebook";
import { columnOf, scaleOf } from "./names";
import type { AskSpec, AskSpecInput } from "./spec";

/** Text made safe inside HTML. @example escapeHtml('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;" */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function option(value: string, label: string): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
}

const CATEGORICAL_OPTIONS = COLUMNS.filter((c) => c.kind === "categorical")
  .map((c) => option(c.name, c.label.da))
  .join("");

function byOptions(): string {
  const groupings = CODE_GROUPINGS.map((g) => option(g.name, g.label.da)).join("");
  return (
    option("", "(ingen)") +
    `<optgroup label="Variabler">${CATEGORICAL_OPTIONS}</optgroup>` +
    `<optgroup label="Grupperinger">${groupings}</optgroup>`
  );
}

/**
 * The controls' HTML (selects and code boxes), to put in the page's form.
 * @example document.getElementById("ask-controls").innerHTML = controlsHtml();
 */
export function controlsHtml(): string {
  const multi = MULTI_RESPONSE_GROUPS.map((g) => option(g.name, g.label.da)).join("");
  const questions =
    `<optgroup label="Spørgsmål med flere svar">${multi}</optgroup>` +
    `<optgroup label="Spørgsmål med ét svar">${CATEGORICAL_OPTIONS}</optgroup>`;
  const stats =
    option("share", "Andel (%)") +
    option("mean", "Gennemsnit (skala; «ved ikke» udeladt)") +
    option("total", "Antal virksomheder (vægtet)");
  const bases = BASES.map((b) => option(b.name, b.label.da)).join("");
  const noFilter = option("", "(intet filter)");
  const field = (id: string, label: string, control: string): string =>
    `<label class="ask-field" for="${id}"><span>${label}</span>${control}</label>`;
  return [
    field("ask-question", "Spørgsmål", `<select id="ask-question">${questions}</select>`),
    field("ask-stat", "Statistik", `<select id="ask-stat">${stats}</select>`),
    field("ask-by1", "Opdel efter", `<select id="ask-by1">${byOptions()}</select>`),
    field("ask-by2", "og efter", `<select id="ask-by2">${byOptions()}</select>`),
    field("ask-base", "Base", `<select id="ask-base">${option("", "(de adspurgte)")}${bases}</select>`),
    field(
      "ask-filter-variable",
      "Filter",
      `<select id="ask-filter-variable">${noFilter}${CATEGORICAL_OPTIONS}</select>`,
    ),
    `<fieldset class="ask-codes" id="ask-filter-codes"><legend>Behold kun svarene</legend></fieldset>`,
    `<fieldset class="ask-codes" id="ask-answers"><legend>Tæl disse svar sammen (intet valgt: hvert svar for sig)</legend></fieldset>`,
    `<fieldset class="ask-codes" id="ask-adjust"><legend>Justér for (justerede andele pr. gruppe i én opdeling)</legend>${ADJUST_CHOICES.map(adjustBox).join("")}</fieldset>`,
  ].join("\n");
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

/**
 * Fills the code boxes of the answers or the filter with its variable's codes, ticking `ticked`.
 * @example fillCodeChoices("filter", [1, 2])
 */
export function fillCodeChoices(which: "answers" | "filter", ticked: readonly number[] = []): void {
  const id = which === "answers" ? "ask-answers" : "ask-filter-codes";
  const variable = which === "answers" ? select("ask-question").value : select("ask-filter-variable").value;
  const column = columnOf(variable);
  const box = document.getElementById(id) as HTMLFieldSetElement;
  const legend = box.querySelector("legend")?.outerHTML ?? "";
  const codes = column && column.kind === "categorical" ? column.codes : [];
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

/**
 * Whether a filter is being chosen: its variable picked, none of its codes ticked yet (the answer then waits).
 * @example filterPending() // true right after a filter variable is chosen
 */
export function filterPending(): boolean {
  return select("ask-filter-variable").value !== "" && checked("ask-filter-codes").length === 0;
}

/** Shows a spec in the controls. @example setControls(specFromQuery(location.search)) */
export function setControls(spec: AskSpec): void {
  ensureOption("ask-question", spec.question);
  select("ask-stat").value = spec.stat;
  const mean = select("ask-stat").querySelector<HTMLOptionElement>('option[value="mean"]');
  if (mean) mean.disabled = scaleOf(spec.question) === null;
  ensureOption("ask-by1", spec.by[0] ?? "");
  ensureOption("ask-by2", spec.by[1] ?? "");
  select("ask-base").value = spec.base ?? "";
  const filter = spec.filters[0];
  ensureOption("ask-filter-variable", filter?.variable ?? "");
  fillCodeChoices("filter", filter?.codes ?? []);
  fillCodeChoices("answers", spec.answers?.flatMap((a) => a.codes) ?? []);
  const adjust = document.getElementById("ask-adjust") as HTMLElement;
  for (const name of spec.adjust ?? [])
    if (!adjust.querySelector(`input[value="${name}"]`)) adjust.insertAdjacentHTML("beforeend", adjustBox(name));
  for (const box of Array.from(adjust.querySelectorAll<HTMLInputElement>("input")))
    box.checked = spec.adjust?.includes(box.value) ?? false;
  (document.getElementById("ask-answers") as HTMLElement).hidden ||= spec.stat === "mean";
}

/**
 * The spec the controls show; a link's answer groups or second filter they cannot show are kept until changed.
 * @example normalizeSpec(readControls(current))
 */
export function readControls(current: AskSpec | null): AskSpecInput {
  const question = select("ask-question").value;
  const filterVariable = select("ask-filter-variable").value;
  const filterCodes = checked("ask-filter-codes");
  const answerCodes = checked("ask-answers");
  const stat = select("ask-stat").value;
  const sameQuestion = current !== null && current.question === question;
  const shownCodes = (current?.answers ?? []).flatMap((a) => a.codes);
  const sameCodes = shownCodes.sort().join() === [...answerCodes].sort().join();
  const keptAnswers = sameQuestion && current.answers !== null && sameCodes ? current.answers : null;
  const filters = [
    ...(filterVariable !== "" && filterCodes.length > 0 ? [`${filterVariable}=${filterCodes.join(",")}`] : []),
    ...(current?.filters.slice(1).map((f) => `${f.variable}=${f.codes.join(",")}`) ?? []),
  ];
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
