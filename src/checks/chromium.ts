/** What the checks share: options, Chromium kept offline, the report's pages checked one by one, the exit on error. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import type { Page } from "playwright-core";

/** The value after `name` in `argv`. @example option("--dir") // "report" for `… --dir report` */
export function option(name: string, argv: readonly string[] = process.argv): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** `--chromium`, else $CHROMIUM, else /usr/bin/chromium. @example await launch(chromiumPath()) */
export const chromiumPath = (): string => option("--chromium") ?? process.env.CHROMIUM ?? "/usr/bin/chromium";

/** The report folder: `--dir`, else report/. @example path.join(reportDir(), "rapport.pdf") */
export const reportDir = (): string => path.resolve(option("--dir") ?? path.join(__dirname, "..", "..", "report"));

/** Headless Chromium without its sandbox. @example const browser = await launch("/usr/bin/chromium"); */
export async function launch(executablePath: string, args = ["--no-sandbox", "--disable-gpu", "--no-first-run"]) {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, headless: true, args });
}

/**
 * Lets `page` load file:// only; with `blocked`, other requests go to `problems` as `<blocked>: <url>`, with the
 * page's console errors and uncaught errors. @example await offline(page, problems, "request left the machine");
 */
export async function offline(page: Page, problems: string[], blocked?: string, abortCode?: string): Promise<void> {
  if (blocked !== undefined) {
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  }
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://")) return route.continue();
    if (blocked !== undefined) problems.push(`${blocked}: ${url}`);
    return route.abort(abortCode);
  });
}

/** A page's check: pushes to `problems`, resolves with a note for the page's line. */
type PageCheck = (page: Page, file: string, problems: string[]) => Promise<string>;

/**
 * Opens each .html page of the report folder offline in headless Chromium (1280 × 900), runs `check` and prints
 * `<page>: ok|FAILED<note>` and its problems; `setUp` runs before the page loads, `args` adds Chromium switches.
 * @example const { pages, failed } = await checkSitePages("check-a11y", async () => "");
 */
export async function checkSitePages(
  name: string,
  check: PageCheck,
  { args = [], setUp }: { args?: string[]; setUp?: (page: Page, problems: string[]) => void } = {},
): Promise<{ pages: string[]; failed: number }> {
  const dir = reportDir();
  const pages = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".html")) : [];
  pages.sort();
  if (pages.length === 0)
    throw new Error(`${dir}: no .html pages found, expected the report site (run npm run report first)`);
  const { chromium } = await import("playwright-core");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const switches = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...switches, "--disable-background-networking", "--disable-component-update", "--disable-sync", ...args],
    viewport: { width: 1280, height: 900 },
  });
  let failed = 0;
  try {
    for (const file of pages) {
      const problems: string[] = [];
      const page = await context.newPage();
      await offline(page, problems, "request leaving the machine blocked", "blockedbyclient");
      setUp?.(page, problems);
      await page.goto(pathToFileURL(path.join(dir, file)).href, { waitUntil: "load" });
      const note = await check(page, file, problems);
      await page.close();
      console.log(`${file}: ${problems.length === 0 ? "ok" : "FAILED"}${note}`);
      for (const problem of problems) console.log(`  ${problem}`);
      if (problems.length > 0) failed += 1;
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return { pages, failed };
}

/** Runs a command's `main`; an error prints its message (`stack`: its stack) and exits 1. @example runMain(main) */
export function runMain(main: () => Promise<void> | void, stack = false): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (stack ? (error.stack ?? error.message) : error.message) : String(error));
      process.exit(1);
    });
}
