/**
 * `npm run check:ask-page [-- --screenshots DIR]`: the "Spørg data" page, offline in headless Chromium, gives
 * `npx ask … --format json`'s result for every spec of `CHECK_SPECS`, for specs set with the form and for a question
 * asked with the keyboard alone; exit 1 on a difference, an error or a request. The page without respondent data,
 * served by `npm run serve`, gives the server's answer (`bin/ask.js` on a real panel) and its refusals, and from
 * file:// says how to start the server.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { loadDataset } from "../report/dataset";
import { askResult } from "../ask/compute";
import { filterId, FILTER_SLOTS } from "../ask/browser-controls";
import { controlledResult } from "../ask/disclosure";
import { jsonText } from "../ask/export";
import { writeAskPage } from "../ask/page";
import { specFromQuery } from "../ask/parse";
import { DEFAULT_MIN_EFFECTIVE_N, DEFAULT_MIN_N, type AskSpec } from "../ask/spec";
import { askServer } from "../ask/server";
import { median } from "simple-statistics";
import { launch, offline, option } from "./chromium";

/** The specs checked: every kind of question, statistic, base, filter, grouping, one and two `by`, both languages. */
export const CHECK_SPECS: readonly string[] = [
  "question=tilbud&by=stoerrelse",
  "question=ai_brug",
  "question=ai_brug&by=stoerrelse",
  "question=ai_brug&stat=total",
  "question=ai_brug&stat=total&filter=branche%3D5",
  "question=pot_salg&answers=1,2&by=branche",
  "question=pot_salg&answers=1,2%3DStort%2Fmeget+stort%3B3,4,5",
  "question=pot_udvikling&stat=mean&by=stoerrelse_2grp",
  "question=oekonomi&stat=mean",
  "question=digi_produktivitet&stat=mean&by=branche",
  "question=tilbud&by=oekonomi_2grp",
  "question=tilbud&by=branche,stoerrelse_2grp",
  "question=bar_salg&by=stoerrelse_2grp",
  "question=bar_hr&by=branche",
  "question=tilbud&base=barrier&filter=stoerrelse%3D1",
  "question=pot_salg&base=users",
  "question=tilbud_netvaerk&by=alder",
  "question=ai_brug&by=erhvervshus,stoerrelse&lang=en",
  "question=interview&by=stoerrelse&stat=total",
  "question=bar_admin&filter=branche%3D4&filter=alder%3D3",
  "question=tilbud&by=branche&min-n=30",
  "question=ai_brug&answers=3-5%3DBruger+AI&by=alder&stat=total",
  "question=pot_mindst_et&by=stoerrelse",
  "question=bar_viden_mindst_et&base=all",
  "question=pot_salg&answers=3-5%3B4-5&by=alder",
  "question=ai_brug&by=stoerrelse_2grp,oekonomi_2grp",
  "question=tilbud_raadgivning_ai&by=tilbud_netvaerk",
  "question=pot_salg&answers=1,2&by=stoerrelse&adjust=branche,alder,erhvervshus",
  "question=tilbud&by=stoerrelse_2grp&adjust=branche,alder,erhvervshus",
  "question=ai_brug&by=alder&adjust=stoerrelse,oekonomi&lang=en",
];

/** The specs set through the form: every kind of control, one to three filters, derived and item questions. */
const FORM_SPECS: readonly string[] = [
  "question=tilbud&by=stoerrelse",
  "question=ai_brug&by=branche,stoerrelse_2grp",
  "question=pot_salg&answers=1,2&by=alder",
  "question=pot_udvikling&stat=mean&by=stoerrelse_2grp",
  "question=ai_brug&stat=total&filter=branche%3D5",
  "question=tilbud&base=barrier&filter=stoerrelse%3D1&filter=alder%3D3",
  "question=bar_admin&filter=branche%3D4,5&filter=alder%3D3&filter=erhvervshus%3D1,2",
  "question=pot_mindst_et&by=stoerrelse",
  "question=bar_viden_mindst_et&base=all&by=alder",
  "question=tilbud_raadgivning_ai&by=tilbud_netvaerk",
  "question=oekonomi&stat=mean&by=erhvervshus",
  "question=ai_brug&by=oekonomi_2grp&filter=interview%3D2",
];

/** Relative difference allowed between the page's numbers and Node's (Chromium's Math.log etc. differ by an ulp). */
export const BROWSER_NUMBER_TOLERANCE = 1e-9;

/** Differences of two JSON values, numbers within `tolerance`. @example compareJson({ a: 1 }, { a: 1 }).largest // 0 */
export function compareJson(expected: unknown, got: unknown, where = "", tolerance = 0) {
  const out = { problems: [] as string[], largest: 0 };
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (typeof a === "number" && typeof b === "number") {
      if (a === b) return;
      const relative = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
      out.largest = Math.max(out.largest, relative);
      if (relative > tolerance) out.problems.push(`${at}: ${a} ≠ ${b}`);
    } else if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      if (Array.isArray(a) !== Array.isArray(b) || Object.keys(a).join() !== Object.keys(b).join())
        out.problems.push(`${at}: keys ${Object.keys(a).join(",")} ≠ ${Object.keys(b).join(",")}`);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    } else if (a !== b) out.problems.push(`${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  walk(expected, got, where);
  return out;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The page's result as JSON text (string expressions: the page's globals are not typed here). */
const shown = async (page: Page): Promise<string> =>
  (await page.evaluate("JSON.stringify(window.surveyResult)")) as string;
const ready = (page: Page, timeout = 30_000) =>
  page.waitForFunction("window.askReady !== undefined", undefined, { timeout });
const pageUrl = (dir: string, query = ""): string => `file://${path.join(dir, "spoerg.html")}${query && `?${query}`}`;

/** The page opened offline with `?query` in a new headless Chromium; `recompute(q)` resolves with its milliseconds. */
async function openPage(dir: string, query: string, problems: string[]) {
  const browser = await launch(CHROMIUM, ["--no-sandbox"]);
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  await offline(page, problems, "request left the machine");
  await page.goto(pageUrl(dir, query));
  await ready(page, 60_000);
  const recompute = async (q: string) =>
    (await page.evaluate(`window.askRecompute ? window.askRecompute(${JSON.stringify(q)}) : NaN`)) as number;
  return { browser, page, recompute };
}

/**
 * The page's times in Chromium (ms; built in a temporary folder): `loadMs` to the first answer, of it `scriptMs` the
 * script's, one recompute per spec. @example (await askPageTimings()).recomputeMedianMs
 */
export async function askPageTimings(specs: readonly string[] = CHECK_SPECS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spoerg-"));
  writeAskPage(dir, loadDataset());
  const { browser, page, recompute } = await openPage(dir, "", []);
  try {
    const times = (await page.evaluate("window.askReady")) as { loadMs: number; scriptMs: number; rakeMs: number };
    const recomputeMs: Record<string, number> = {};
    for (const q of specs) {
      await recompute(q); // warm
      recomputeMs[q] = await recompute(q);
    }
    return { ...times, recomputeMedianMs: median(Object.values(recomputeMs)), recomputeMs };
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Changing a list recomputes and updates the link; the three buttons download csv-da, xlsx and json. */
async function checkControlsAndDownloads(page: Page): Promise<string[]> {
  const out: string[] = [];
  await page
    .waitForFunction(`document.querySelectorAll("#ask-chart .bars path").length > 0`, undefined, { timeout: 30_000 })
    .catch(() => out.push("the chart drew no bars"));
  await page.selectOption("#ask-by1", "alder");
  const state = (await page.evaluate(
    "({ by: window.surveyResult && window.surveyResult.meta.spec.by, search: location.search })",
  )) as { by?: string[]; search: string };
  if (JSON.stringify(state.by) !== JSON.stringify(["alder"]) || !state.search.includes("by=alder"))
    out.push(`choosing "alder" in "Opdel efter" gave by ${JSON.stringify(state.by)} and link ${state.search}`);
  out.push(...(await checkFilter(page)));
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const expectStart: [string, (b: Buffer) => boolean, string][] = [
    ["#ask-csv", (b) => b.subarray(0, 3).equals(bom) && b.toString("utf8").includes(";"), "a UTF-8 BOM and ;"],
    ["#ask-xlsx", (b) => b.subarray(0, 2).toString() === "PK", "a zip (xlsx)"],
    ["#ask-json", (b) => JSON.parse(b.toString("utf8")).meta.spec.by[0] === "alder", "the result as JSON"],
  ];
  for (const [button, ok, what] of expectStart) {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click(button)]);
    if (!ok(fs.readFileSync(await download.path())))
      out.push(`${button} downloaded ${download.suggestedFilename()} without ${what}`);
  }
  out.push(...(await checkAdjust(page)));
  return out;
}

/** A filter set from the form stays set: with the mouse (choose, tick) and with the keyboard alone (arrows, Tab, Space). */
async function checkFilter(page: Page): Promise<string[]> {
  const out: string[] = [];
  const filterOf = async () =>
    (await page.evaluate(
      `({ variable: document.getElementById("ask-filter-variable").value,` +
        ` filters: window.surveyResult && window.surveyResult.meta.spec.filters })`,
    )) as { variable: string; filters?: unknown[] };
  await page.selectOption("#ask-filter-variable", "stoerrelse");
  if ((await filterOf()).variable !== "stoerrelse") out.push("choosing a filter variable snapped back");
  await page.click("#ask-filter-codes input[value='1']");
  const mouse = await filterOf();
  if (JSON.stringify(mouse.filters) !== JSON.stringify([{ variable: "stoerrelse", codes: [1] }]))
    out.push(`filter set with the mouse gave ${JSON.stringify(mouse.filters)}`);
  await page.selectOption("#ask-filter-variable", "");
  await page.focus("#ask-filter-variable");
  await page.keyboard.press("ArrowDown");
  const chosen = (await filterOf()).variable;
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  const keys = await filterOf();
  if (chosen === "" || keys.variable !== chosen || (keys.filters?.length ?? 0) !== 1)
    out.push(
      `filter set with the keyboard alone: variable "${keys.variable}", filters ${JSON.stringify(keys.filters)}`,
    );
  return out;
}

/** The page in server mode (`microdata: false`) from `npm run serve`'s server: its answers, a refusal, file://. */
async function checkServerMode(dataset: ReturnType<typeof loadDataset>): Promise<string[]> {
  const problems: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spoerg-server-"));
  writeAskPage(dir, dataset, { microdata: false });
  const rules = { minN: DEFAULT_MIN_N, minEffectiveN: DEFAULT_MIN_EFFECTIVE_N };
  const app = askServer(dataset, { rules, roots: [dir] });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launch(CHROMIUM, ["--no-sandbox"]);
  const page = await browser.newPage();
  page.on("pageerror", (error) => problems.push(`server mode: page error: ${error.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(address) || url.startsWith("file://")) return route.continue();
    problems.push(`server mode: request left the machine: ${url}`);
    return route.abort();
  });
  const open = async (url: string) => {
    await page.goto(url);
    await page.waitForFunction(
      `window.askReady !== undefined || document.getElementById("ask-error")?.hidden === false`,
    );
    const result = (await page.evaluate("JSON.stringify(window.surveyResult ?? null)")) as string;
    return { result, error: await page.textContent("#ask-error") };
  };
  try {
    for (const q of ["question=tilbud&by=stoerrelse", "question=pot_salg&answers=1,2&by=branche&filter=alder%3D3"]) {
      const expected = JSON.parse(jsonText(controlledResult(dataset, specFromQuery(q), rules)));
      const got = JSON.parse((await open(`${address}/spoerg.html?${q}`)).result);
      problems.push(...compareJson(expected, got, `server mode ${q}`).problems.slice(0, 5));
    }
    const refused = await open(`${address}/spoerg.html?question=ai_brug&min-n=0`);
    if (!refused.error?.includes("kan ikke sænke grænserne"))
      problems.push(`server mode: min-n=0 gave "${refused.error}"`);
    const offlinePage = await open(pageUrl(dir));
    if (!offlinePage.error?.includes("npm run serve"))
      problems.push(`server mode from file://: "${offlinePage.error}"`);
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

/**
 * A question asked with the keyboard alone from the top of the page: Tab to "Spørgsmål", an arrow to choose another
 * question, Tab twice to "Opdel efter", an arrow to choose a grouping; the query shown, or null when Tab never got there.
 */
async function keyboardQuery(page: Page, dir: string): Promise<string | null> {
  await page.goto(pageUrl(dir));
  await ready(page);
  const focused = async () =>
    (await page.evaluate("document.activeElement ? document.activeElement.id : ''")) as string;
  for (let i = 0; i < 20 && (await focused()) !== "ask-question"; i++) await page.keyboard.press("Tab");
  if ((await focused()) !== "ask-question") return null;
  for (const key of ["ArrowDown", "Tab", "Tab", "ArrowDown"]) await page.keyboard.press(key);
  // The page recomputes in its change handler, which the key press has run.
  return (await page.evaluate(
    "(window.surveyResult && window.surveyResult.meta && window.surveyResult.meta.query) || ''",
  )) as string;
}

/** "Justér for" with the keyboard alone (focus, Space) gives the command line's adjusted result; every box has a label. */
async function checkAdjust(page: Page): Promise<string[]> {
  const query = "question=pot_salg&answers=1,2&by=stoerrelse";
  await page.evaluate(`window.askRecompute && window.askRecompute(${JSON.stringify(query)})`);
  const named = await page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>("#ask-adjust input"));
    const legend = document.querySelector("#ask-adjust legend")?.textContent ?? "";
    return legend.startsWith("Justér for") && boxes.length > 0 && boxes.every((b) => (b.labels?.length ?? 0) > 0);
  });
  await page.focus("#ask-adjust input[value='branche']");
  await page.keyboard.press("Space");
  const want = JSON.parse(jsonText(askResult(loadDataset(), specFromQuery(`${query}&adjust=branche`))));
  const c = compareJson(want, JSON.parse(await shown(page)), "Justér for branche (keyboard)", BROWSER_NUMBER_TOLERANCE);
  return [...(named ? [] : ['"Justér for" lacks its legend or a box its label']), ...c.problems.slice(0, 5)];
}

/** Runs the check; resolves with the exit code. @example process.exitCode = await main(["--screenshots", "/tmp/s"]); */
export async function main(argv: readonly string[]): Promise<number> {
  const shots = option("--screenshots", argv);
  const dataset = loadDataset();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spoerg-"));
  writeAskPage(dir, dataset);
  const problems: string[] = [];
  let checked = 0;
  let largest = 0;
  const same = (q: string, got: string, what: string): boolean => {
    const expected = JSON.parse(jsonText(askResult(dataset, specFromQuery(q))));
    const c = compareJson(expected, JSON.parse(got), what, BROWSER_NUMBER_TOLERANCE);
    largest = Math.max(largest, c.largest);
    problems.push(...c.problems.slice(0, 5));
    return c.problems.length === 0;
  };
  const { browser, page, recompute } = await openPage(dir, CHECK_SPECS[0], problems);
  try {
    same(CHECK_SPECS[0], await shown(page), `opened with ${CHECK_SPECS[0]}`);
    const times: number[] = [];
    for (const q of CHECK_SPECS) {
      times.push(await recompute(q));
      if (same(q, await shown(page), q)) checked++;
      if (shots) {
        fs.mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: path.join(shots, `spoerg-${checked}.png`), fullPage: true });
      }
    }
    // A link reproduces the view: open a spec's URL afresh.
    const link = CHECK_SPECS[5];
    await page.goto(pageUrl(dir, link));
    await ready(page);
    same(link, await shown(page), `opening ?${link}`);
    problems.push(...(await checkControlsAndDownloads(page)));
    const asked = await keyboardQuery(page, dir);
    if (asked === null || !/(^|&)by=/.test(asked))
      problems.push(`a question asked with the keyboard alone gave ${asked ?? "nothing: Tab never reached Spørgsmål"}`);
    else if (same(asked, await shown(page), `asked with the keyboard alone (${asked})`))
      console.log(`Spørg data: asked with the keyboard alone: ${asked}`);
    let byForm = 0;
    for (const q of FORM_SPECS) {
      await setWithForm(page, specFromQuery(q));
      if (same(q, await shown(page), `set with the form: ${q}`)) byForm++;
    }
    console.log(
      `Spørg data: ${byForm} of ${FORM_SPECS.length} specs set with the form (select, tick) give --format json's result`,
    );
    problems.push(...(await checkServerMode(dataset)));
    console.log(
      `Spørg data: ${checked} of ${CHECK_SPECS.length} specs give --format json's result in Chromium (texts, flags and counts exactly; ` +
        `largest relative difference of a number ${largest.toExponential(1)}); recompute median ${median(times).toFixed(0)} ms (max ${Math.max(...times).toFixed(0)} ms); ` +
        "without respondent data, from npm run serve's server: two answers, a refusal and the file:// message checked",
    );
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const p of problems) console.error(p);
  return problems.length === 0 && checked === CHECK_SPECS.length ? 0 : 1; // a form spec that differs is a problem
}

/** Sets `spec` with the page's controls, one choice or tick at a time (each recomputes, as for a user). */
async function setWithForm(page: Page, spec: AskSpec): Promise<void> {
  // Filters are cleared from the last: the page moves later filters up when an earlier one is cleared.
  for (const slot of [...FILTER_SLOTS].reverse()) await page.selectOption(`#${filterId("variable", slot)}`, "");
  await page.selectOption("#ask-question", spec.question);
  await page.selectOption("#ask-stat", spec.stat);
  await page.selectOption("#ask-by1", spec.by[0] ?? "");
  await page.selectOption("#ask-by2", spec.by[1] ?? "");
  await page.selectOption("#ask-base", spec.base ?? "");
  for (const [k, filter] of spec.filters.entries()) {
    const slot = FILTER_SLOTS[k];
    await page.selectOption(`#${filterId("variable", slot)}`, filter.variable);
    for (const code of filter.codes) await page.click(`#${filterId("codes", slot)} input[value="${code}"]`);
  }
  for (const code of spec.answers?.flatMap((a) => a.codes) ?? [])
    await page.click(`#ask-answers input[value="${code}"]`);
}

if (require.main === module) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
