import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { TestGateway } from "../support/test-gateway";
import { engineName } from "../support/test-databases";
import { ARTIFACTS, assertAccessible, guardedBrowser, scrollWidth } from "../support/browser";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import { PURPOSE_TEXT } from "../../src/policy/policy-texts";
import { PURPOSES } from "../../src/policy/purposes";

/**
 * The published privacy statement as a reader's browser shows it (Debian chromium, playwright-core): both
 * languages render under the page's own CSP, nothing is fetched from anywhere (SPEC §10: no third-party requests),
 * readable at 375 px, and no serious accessibility finding.
 */
describe(`the privacy statement in headless Chromium (${engineName()})`, () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let leftOrigin: string[] = [];
  const errors: string[] = [];

  before(async () => {
    gw = await TestGateway.start();
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ browser, page, leftOrigin } = await guardedBrowser(new URL(gw.url).origin));
    // A blocked resource or a CSP refusal shows as a console error: the page must need none.
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  });
  after(async () => {
    await browser?.close();
    await gw?.close();
  });

  for (const lang of ["nl", "en"] as const) {
    test(`?lang=${lang}: every purpose in the policy's words, version shown, accessible, 375 px, nothing from elsewhere`, async () => {
      await page.setViewportSize({ width: 1100, height: 900 });
      const res = await page.goto(`${gw.url}/privacy-statement?lang=${lang}`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.getAttribute("html", "lang"), lang);
      assert.equal(await page.locator("h1").count(), 1, "one main heading");
      const text = await page.locator("body").innerText();
      for (const p of PURPOSES) assert.ok(text.includes(PURPOSE_TEXT[p][lang]), `${lang}: purpose ${p}`);
      assert.ok(text.includes(POLICY_VERSION), "the version is on the page");
      await assertAccessible(page);
      await page.screenshot({ path: `${ARTIFACTS}/privacy-statement-${lang}.png`, fullPage: true });

      await page.setViewportSize({ width: 375, height: 800 });
      const width = await scrollWidth(page);
      assert.ok(width <= 375, `${lang}: the page is ${width}px wide at 375`);
      await assertAccessible(page);
    });
  }

  test("the pages made no request off the gateway's origin and logged no error", () => {
    assert.deepEqual(leftOrigin, []);
    assert.deepEqual(errors, []);
  });
});
