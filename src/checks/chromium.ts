/** What the checks share: an option's value, and a Chromium page kept offline that reports what went wrong. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";

/** The value after `name` in `argv`. @example option("--dir") // "report" for `… --dir report` */
export function option(name: string, argv: readonly string[] = process.argv): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

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

/**
 * The report site's pages (sorted .html names in `dir`; an error when there are none) and a headless Chromium
 * context at 1280 × 900 for them, with `close()` that also removes its profile folder; `args` adds Chromium switches.
 * @example const { pages, context, close } = await sitePages("report", "/usr/bin/chromium", "check-a11y");
 */
export async function sitePages(
  dir: string,
  executablePath: string,
  name: string,
  args: string[] = [],
): Promise<{ pages: string[]; context: BrowserContext; close: () => Promise<void> }> {
  const pages = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".html")) : [];
  pages.sort();
  if (pages.length === 0)
    throw new Error(`${dir}: no .html pages found, expected the report site (run npm run report first)`);
  const { chromium } = await import("playwright-core");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"].concat([
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...args,
    ]),
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { pages, context, close };
}
