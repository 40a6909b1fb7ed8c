/// <reference lib="dom" />
/**
 * The "Spørg data" page's script (bundled as spoerg.js): answers the controls' and URL's spec with `askResult`.
 * `window.surveyResult` is the result; `window.askRecompute(query)` returns the milliseconds it took.
 */
import { askResult } from "./compute";
import { askFigure } from "./chart";
import { csvDanishText, jsonText, xlsxBuffer, type ExcelModule } from "./export";
import { sourceFromPageData, type AskPageData } from "./page-data";
import { specFromQuery, specToQuery } from "./parse";
import type { AskResult } from "./result";
import { SpecError, normalizeSpec, type AskSpec, type AskSpecInput } from "./spec";
import { PAGE_MESSAGES, SPEC_MESSAGES } from "../codebook/messages";
import {
  controlsHtml,
  escapeHtml,
  enableStatistics,
  fillCodeChoices,
  filterId,
  filterPending,
} from "./browser-controls";
import { FILTER_SLOTS, searchQuestions, readControls, setControls } from "./browser-controls";
import { crossTable, headerLines, testSections } from "./text";

interface AskWindow {
  ASK_DATA?: AskPageData;
  Plotly?: { react(el: HTMLElement, data: unknown[], layout: unknown, config: unknown): unknown };
  ExcelJS?: ExcelModule;
  surveyResult?: AskResult;
  askRecompute?: (query: string) => Promise<number>;
  askReady?: { loadMs: number; scriptMs: number; rakeMs: number };
}

const win = window as unknown as AskWindow & Window;
const DEFAULT_QUERY = "question=ai_brug&by=stoerrelse";

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`spoerg.html has no element #${id}`);
  return found as T;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function showError(message: string): void {
  el("ask-error").textContent = message;
  el("ask-error").hidden = message === "";
}

const html = (tag: string, text: string, attributes = ""): string =>
  `<${tag}${attributes}>${escapeHtml(text)}</${tag}>`;

function render(result: AskResult): void {
  const lines = headerLines(result).map((l) => html("div", l));
  el("ask-head").innerHTML = lines.join("");
  const { header, rows } = crossTable(result);
  const head = `<tr>${header.map((h, c) => html("th", h, c > 0 ? ' class="num"' : "")).join("")}</tr>`;
  const cell = (text: string, c: number): string => (c === 0 ? html("th", text) : html("td", text, ' class="num"'));
  const body = rows.map((r, k) => `<tr${k === rows.length - 1 ? ' class="n-row"' : ""}>${r.map(cell).join("")}</tr>`);
  el("ask-table").innerHTML = `<table class="ask-table"><thead>${head}</thead><tbody>${body.join("")}</tbody></table>`;
  const sections = testSections(result, "Rao–Scott-test af uafhængighed");
  const list = (lines: string[]): string => `<ul>${lines.map((t) => html("li", t)).join("")}</ul>`;
  el("ask-tests").innerHTML = sections.map(([heading, lines]) => html("h3", heading) + list(lines)).join("");
  el("ask-notes").innerHTML = result.meta.notes.map((n) => html("p", n)).join("");
  el("ask-command").textContent = result.meta.command;
  drawChart(result);
}

/** Draws the chart; plotly.js loads after the page (async), so the first chart may wait for it. */
function drawChart(result: AskResult): void {
  const chart = el("ask-chart");
  const figure = askFigure(result);
  // A text alternative: what the chart shows; its numbers are the table above it.
  chart.setAttribute("aria-label", `Figur: ${result.meta.question.label}. Tallene står i tabellen ovenfor.`);
  if (win.Plotly) {
    if (!chart.classList.contains("js-plotly-plot")) chart.textContent = "";
    win.Plotly.react(chart, figure.data, figure.layout, figure.config);
    return;
  }
  const script = document.getElementById("plotly-script");
  chart.textContent = PAGE_MESSAGES.chartLoading.da;
  script?.addEventListener("load", () => win.surveyResult === result && drawChart(result), { once: true });
  const missing = (): string => (chart.textContent = PAGE_MESSAGES.plotlyMissing.da);
  script?.addEventListener("error", missing, { once: true });
}

let current: AskSpec | null = null;
/** The answer to a spec: computed here from spoerg-data.js, or asked of the server (a page without respondent data). */
let compute: (spec: AskSpec) => Promise<AskResult> = () => Promise.reject(new Error("the panel is not loaded"));

/** Answers from the server of `npm run serve`; its refusal (disclosure control, a bad request) as its Danish message. */
function fromServer(answers: string): (spec: AskSpec) => Promise<AskResult> {
  return async (spec) => {
    const response = await fetch(`${answers}/json?${specToQuery(spec)}`).catch(() => {
      throw new SpecError("disclosure", SPEC_MESSAGES.serverDown());
    });
    const body = (await response.json()) as AskResult & { fejl?: string };
    if (!response.ok) {
      const status = SPEC_MESSAGES.serverStatus(response.status);
      throw new SpecError("disclosure", body.fejl ? { da: body.fejl, en: body.fejl } : status);
    }
    el("ask-synthetic").textContent = body.meta.notice; // hidden while empty (a real panel)
    return body;
  };
}

let asked = 0; // the latest question: an earlier answer arriving after it is not shown

async function answer(input: AskSpecInput | AskSpec, fromQuery = false): Promise<void> {
  const ticket = ++asked;
  try {
    const spec = fromQuery ? (input as AskSpec) : normalizeSpec(input as AskSpecInput);
    current = spec; // before computing: a refused question still shows what it asked, and changes start from it
    setControls(spec);
    const result = await compute(spec);
    if (ticket !== asked) return;
    win.surveyResult = result;
    render(result);
    try {
      history.replaceState(null, "", `?${specToQuery(spec)}`);
    } catch {
      // Some browsers refuse to change a file:// URL; the link then does not follow.
    }
    showError("");
  } catch (error) {
    if (ticket === asked)
      showError(error instanceof SpecError ? error.message : PAGE_MESSAGES.error(messageOf(error)).da);
  }
}

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function loadExcel(): Promise<ExcelModule> {
  if (win.ExcelJS) return Promise.resolve(win.ExcelJS);
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src: "exceljs.min.js" });
    script.onload = () =>
      win.ExcelJS ? resolve(win.ExcelJS) : reject(new Error("exceljs.min.js did not define ExcelJS"));
    script.onerror = () => reject(new Error("exceljs.min.js mangler ved siden af siden"));
    document.head.appendChild(script);
  });
}

function wireDownloads(): void {
  const stem = (): string => `spoerg-${win.surveyResult?.meta.spec.question ?? "data"}`;
  const save = (ext: string, text: (r: AskResult) => string, type: string) => (): void => {
    if (win.surveyResult) download(`${stem()}.${ext}`, text(win.surveyResult), type);
  };
  el("ask-csv").addEventListener("click", save("csv", csvDanishText, "text/csv;charset=utf-8"));
  el("ask-json").addEventListener("click", save("json", jsonText, "application/json"));
  el("ask-xlsx").addEventListener("click", () => {
    const result = win.surveyResult;
    if (!result) return;
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    loadExcel()
      .then((excel) => xlsxBuffer(excel, result))
      .then((buffer) => download(`${stem()}.xlsx`, buffer, xlsx))
      .catch((error: unknown) => showError(messageOf(error)));
  });
}

/** A link with a mistake, read without the first part that makes it fail (null if none helps): the question stays. */
function salvaged(search: string): AskSpec | null {
  const params = Array.from(new URLSearchParams(search));
  for (let k = params.length - 1; k >= 0; k--) {
    try {
      return specFromQuery(new URLSearchParams(params.filter((_, j) => j !== k)).toString());
    } catch {
      // this part was not the (only) mistake: try leaving out another
    }
  }
  return null;
}

/** How the page gets its answers: from spoerg-data.js, or from the server; false with a message when it cannot. */
function connect(): boolean {
  const { answers, port } = el("ask-form").dataset;
  const data = win.ASK_DATA;
  if (answers !== undefined && location.protocol === "file:") {
    showError(PAGE_MESSAGES.needsServer(port ?? "").da);
    return false;
  }
  if (answers !== undefined) compute = fromServer(answers);
  else if (!data) {
    showError(PAGE_MESSAGES.noData.da);
    return false;
  } else {
    const source = sourceFromPageData(data);
    compute = async (spec) => askResult(source, spec);
    if (data.synthetic) el("ask-synthetic").textContent = data.notice.da;
  }
  return true;
}

async function start(): Promise<void> {
  const started = performance.now();
  if (!connect()) return;
  const rakeMs = performance.now() - started;
  el("ask-controls").innerHTML = controlsHtml();
  const form = el<HTMLFormElement>("ask-form");
  form.addEventListener("change", (event) => {
    const target = event.target as HTMLElement;
    if (target.id === "ask-search") return;
    if (target.id === "ask-question") {
      fillCodeChoices("answers");
      enableStatistics();
    }
    const slot = FILTER_SLOTS.find((k) => target.id === filterId("variable", k));
    if (slot !== undefined) fillCodeChoices(slot);
    if (filterPending()) return; // a filter variable without codes yet: keep the form as the user left it
    void answer(readControls(current));
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  const search = el<HTMLInputElement>("ask-search");
  search.addEventListener("input", () => searchQuestions(search.value));
  wireDownloads();
  win.askRecompute = async (query: string): Promise<number> => {
    const t = performance.now();
    await answer(specFromQuery(query), true);
    return performance.now() - t;
  };
  try {
    await answer(specFromQuery(location.search === "" ? DEFAULT_QUERY : location.search), true);
  } catch (error) {
    await answer(salvaged(location.search) ?? specFromQuery(DEFAULT_QUERY), true);
    showError(PAGE_MESSAGES.linkPartly(messageOf(error)).da);
  }
  win.askReady = { loadMs: performance.now(), scriptMs: performance.now() - started, rakeMs };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
else void start();
