import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { strFromU8, unzipSync } from "fflate";
import { TestGateway } from "../support/test-gateway";
import { engineName } from "../support/test-databases";
import { seedDemoData } from "../../src/seed/demo-data.seeder";
import { exampleSubject } from "../../src/server/demo-data";

/** Debian's chromium (`.ci/run` installs it); playwright-core downloads no browser of its own. */
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = "test-results";
const NOW = new Date("2026-11-01T12:00:00Z"); // the gateway's clock and the seed's "now"

const ME = `{ me { id firstName lastName email customerNumber address { postalCode country }
  invoices { invoiceNumber } consents { purpose category status } objections { purpose } } }`;

describe(`portal "Mijn privacy" in headless Chromium (${engineName()})`, () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let subjectId: string;
  let token: string;
  let other: { email: string; last_name: string; customer_number: string };
  const leftOrigin: string[] = [];
  let withdrawnCell = "";

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set(NOW);
    await seedDemoData(gw.dbs.stores, { seed: 42, subjects: 30, now: NOW });
    subjectId = (await exampleSubject(gw.dbs))!;
    token = await gw.token("customer", subjectId);
    [other] = await gw.dbs.stores.crm.query(
      `SELECT email, last_name, customer_number FROM crm.customer WHERE id <> $1 ORDER BY id LIMIT 1`, [subjectId]);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } });
    const origin = new URL(gw.url).origin;
    // Every request is checked: one that leaves the gateway's origin is recorded and never sent.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("blob:") || url.startsWith("data:") || new URL(url).origin === origin) return route.continue();
      leftOrigin.push(url);
      return route.abort();
    });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await gw?.close();
  });

  const me = async () => (await gw.graphql<any>(ME, { token })).body.data.me;
  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/portal-${name}.png`, fullPage: true });
  const open = async (view: string) => {
    await page.click(`#nav-${view}`);
    await page.waitForSelector(`#view-${view}`);
  };
  /** The page never shows another customer's data, whichever view is open. */
  const notOther = async () => {
    const text = await page.locator("main").innerText();
    for (const v of [other.email, other.customer_number]) assert.ok(!text.includes(v), "another subject's data on the page");
  };
  /** The objections in the state the gateway returned after the last change (second line of #choice-state). */
  const objectionsShown = async () => (await page.locator("#choice-state dd").nth(1).innerText()).split(", ");
  const axeCheck = async () => {
    // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays in force.
    await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
    const violations: { id: string; impact: string }[] = await page.evaluate(async () => {
      const g = globalThis as any;
      const r = await g.axe.run(g.document, { resultTypes: ["violations"] });
      return r.violations.map((v: any) => ({ id: v.id, impact: v.impact }));
    });
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad, [], `axe: ${JSON.stringify(bad)}`);
  };

  test("the page is served with a strict CSP and logs in as the demo customer", async () => {
    const res = await page.goto(`${gw.url}/portal/`);
    assert.match(res!.headers()["content-security-policy"], /default-src 'self'/);
    await page.click("#login");
    await page.waitForSelector("#view-data");
    await shot("login-data");
  });

  test("shows the customer's own data, as `me` returns it", async () => {
    const mine = await me();
    const text = await page.locator("#view-data").innerText();
    for (const v of [mine.email, mine.lastName, mine.customerNumber, ...mine.invoices.map((i: any) => i.invoiceNumber)]) {
      assert.ok(text.includes(v), `page shows ${v}`);
    }
    await notOther();
    await axeCheck();
    await open("retention");
    assert.match(await page.locator("#view-retention").innerText(), /Bewaard tot en met/);
    await shot("retention");
    await notOther();
  });

  test("works at 375 px without sideways scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await open("data");
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
    assert.ok(width <= 375, `page is ${width}px wide`);
    await shot("data-375");
    await axeCheck();
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  test("corrects the postcode: a validation error next to the field first, then a valid one", async () => {
    await open("correct");
    await page.fill("#f-postalCode", "12#45");
    await page.click("#correct-form button[type=submit]");
    await page.waitForSelector("#f-postalCode-error:not([hidden])");
    assert.equal(await page.getAttribute("#f-postalCode", "aria-invalid"), "true");
    assert.doesNotMatch(await page.innerText("#f-postalCode-error"), /12#45/, "the value is not echoed");
    await shot("correct-error");
    await axeCheck();
    await page.fill("#f-postalCode", "1017ab");
    await page.fill("#f-country", "NL");
    await page.click("#correct-form button[type=submit]");
    await page.waitForSelector("#correct-result:has-text('Opgeslagen')");
    const mine = await me();
    assert.equal(mine.address.postalCode, "1017 AB");
    assert.equal(await page.inputValue("#f-postalCode"), "1017 AB");
  });

  test("withdraws a consent and shows the state the gateway holds", async () => {
    await open("choices");
    const button = page.locator("[data-consent]").first();
    const cell = (await button.getAttribute("data-consent"))!;
    withdrawnCell = cell;
    const [purpose, category] = cell.split("/");
    await button.click();
    // The view after the change and the reload: the withdrawn cell offers to give it again.
    await page.waitForSelector(`[data-give-consent="${cell}"]`);
    assert.match(await page.innerText("#choice-state"), new RegExp(`${purpose}/${category}: ingetrokken`));
    const consent = (await me()).consents.find((c: any) => c.purpose === purpose && c.category === category);
    assert.equal(consent?.status, "WITHDRAWN");
    assert.equal(await page.locator(`[data-consent="${cell}"]`).count(), 0, "no withdraw button for a withdrawn consent");
    await shot("choices");
    await axeCheck();
  });

  test("gives the withdrawn consent again and shows it GIVEN, as the gateway holds it", async () => {
    const [purpose, category] = withdrawnCell.split("/");
    const give = page.locator(`[data-give-consent="${withdrawnCell}"]`);
    assert.equal(await give.count(), 1, "a give-again button next to the withdrawn cell");
    await give.click();
    await page.waitForSelector(`[data-consent="${withdrawnCell}"]`);
    assert.match(await page.innerText("#choice-state"), new RegExp(`${purpose}/${category}: gegeven`));
    assert.equal(await give.count(), 0, "no give-again button for a given consent");
    const consent = (await me()).consents.find((c: any) => c.purpose === purpose && c.category === category);
    assert.equal(consent?.status, "GIVEN");
    await axeCheck();
  });

  test("objects to a legitimate-interest purpose and withdraws the objection", async () => {
    const object = page.locator("[data-object]").first();
    const purpose = (await object.getAttribute("data-object"))!;
    await object.click();
    await page.waitForSelector(`[data-withdraw-objection="${purpose}"]`);
    assert.ok((await objectionsShown()).includes(purpose), "the page shows the objection the gateway holds");
    assert.ok((await me()).objections.some((o: any) => o.purpose === purpose), "the objection is in force");
    await shot("choices-objected");
    await axeCheck();
    await page.click(`[data-withdraw-objection="${purpose}"]`);
    await page.waitForSelector(`[data-object="${purpose}"]`);
    assert.ok(!(await me()).objections.some((o: any) => o.purpose === purpose), "the objection is withdrawn");
    assert.ok(!(await objectionsShown()).includes(purpose), "the page shows the objection gone");
  });

  test("downloads the access report as JSON, equal to accessReport", async () => {
    await open("export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8"));
    const res = await gw.graphql<any>(`query($id: ID!) { accessReport(subjectId: $id, format: JSON) { json } }`, { token, variables: { id: subjectId } });
    const expected = res.body.data.accessReport.json;
    // Both were generated at the pinned clock; the request history may differ by the report read itself.
    assert.deepEqual(file.sources, expected.sources);
    assert.deepEqual(file.categories, expected.categories);
    assert.equal(file.subject.id, subjectId);
    await shot("export");
  });

  test("downloads the CSV files as a zip: one file per table of each source, equal to accessReport(format: CSV)", async () => {
    await open("export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-zip")]);
    assert.match(download.suggestedFilename(), /^access-report-.+\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const res = await gw.graphql<any>(`query($id: ID!) { accessReport(subjectId: $id, format: CSV) { files { name content } } }`, { token, variables: { id: subjectId } });
    const expected = res.body.data.accessReport.files as { name: string; content: string }[];
    assert.deepEqual(Object.keys(files).filter((n) => n.endsWith(".csv")).sort(), expected.map((f) => f.name).sort());
    assert.ok(expected.some((f) => f.name === "invoices.csv"), "the billing source's invoices are a file of their own");
    // Every source's data file is the same as the field's; report.csv (generation time) and the request history
    // (each read is a request of its own) differ by the reads themselves.
    const readDependent = ["report.csv", "rights_requests.csv"];
    for (const f of expected.filter((x) => !readDependent.includes(x.name))) assert.equal(strFromU8(files[f.name]!), f.content, f.name);
    assert.equal(JSON.parse(strFromU8(files["access-report.json"]!)).subject.id, subjectId);
  });

  test("my requests: the list is the subject's own privacyRequests, with status and due date", async () => {
    // A fresh log-in loads the list after everything done above (each change and report read is a request).
    await page.reload();
    await page.click("#login");
    await page.waitForSelector("#view-data");
    await open("requests");
    const res = await gw.graphql<any>(`{ privacyRequests(first: 100) { edges { node { id subjectId status dueAt } } } }`, { token });
    const mine = res.body.data.privacyRequests.edges.map((e: any) => e.node);
    assert.ok(mine.length >= 4, `the portal's changes above are requests (${mine.length})`);
    assert.ok(mine.every((r: any) => r.subjectId === subjectId));
    const rows = page.locator("#view-requests tbody tr");
    const shown = await rows.evaluateAll((trs) => trs.map((tr: any) => {
      const span = tr.querySelector("[data-request]");
      return { id: span.dataset.request, status: span.dataset.status, due: tr.children[3].textContent };
    }));
    assert.deepEqual(shown, mine.map((r: any) => ({ id: r.id, status: r.status, due: r.dueAt.slice(0, 10) })));
    await shot("requests");
    await axeCheck();
    await notOther();
  });

  test("erases after showing what is kept and until when; the invoices are kept", async () => {
    await open("erase");
    const before = await page.innerText("#view-erase");
    assert.match(before, /Wordt bewaard/);
    assert.match(before, /PAYMENT/);
    await shot("erase-confirm");
    const invoices = (await me()).invoices.length;
    await page.click("#erase-confirm");
    await page.waitForSelector("#erase-result h3");
    const keptTypes = await page.locator("#erase-result table").last().locator("tbody tr td:first-child").allInnerTexts();
    const keptInvoices = keptTypes.filter((k) => k === "invoice").length;
    assert.equal(keptInvoices, invoices, "every invoice is kept under the fiscal hold");
    await shot("erase-result");
    await notOther();
  });

  test("no request left the gateway's origin", () => {
    assert.deepEqual(leftOrigin, []);
  });
});
