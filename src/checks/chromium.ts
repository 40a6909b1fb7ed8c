/** What the checks share: an option's value, and a Chromium page kept offline that reports what went wrong. */
import type { Page } from "playwright-core";

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
