import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's chromium (`.ci/run` installs it); playwright-core downloads no browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = "test-results";

/**
 * A headless Chromium whose every request is checked: one that would leave `origin` is recorded in `leftOrigin`
 * and never sent, so a test can fail on any third-party request (CDN, font, analytics) the page makes.
 */
export async function guardedBrowser(origin: string, options: { acceptDownloads?: boolean } = {}):
  Promise<{ browser: Browser; context: BrowserContext; page: Page; leftOrigin: string[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const context = await browser.newContext({ acceptDownloads: options.acceptDownloads ?? false, viewport: { width: 1100, height: 900 } });
  const leftOrigin: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("blob:") || url.startsWith("data:") || new URL(url).origin === origin) return route.continue();
    leftOrigin.push(url);
    return route.abort();
  });
  return { browser, context, page: await context.newPage(), leftOrigin };
}

/**
 * axe-core on the page as it is now: no serious or critical violation. Evaluated through the DevTools protocol,
 * so the page's own CSP stays in force (it allows no inline or foreign script).
 */
export async function assertAccessible(page: Page): Promise<void> {
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations: { id: string; impact: string }[] = await page.evaluate(async () => {
    const g = globalThis as any;
    const r = await g.axe.run(g.document, { resultTypes: ["violations"] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], `axe: ${JSON.stringify(bad)}`);
}

/** The page's width in CSS pixels (wider than the viewport means sideways scrolling). */
export const scrollWidth = (page: Page): Promise<number> => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
