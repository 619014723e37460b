import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { strFromU8, unzipSync } from "fflate";
import { TestGateway } from "../support/test-gateway";
import { ARTIFACTS, assertAccessible, guardedBrowser, scrollWidth } from "../support/browser";
import { engineName } from "../support/test-databases";
import { seedDemoData } from "../../src/seed/demo-data.seeder";
import { exampleSubject } from "../../src/server/demo-data";
import { CATEGORY_TEXT, PURPOSE_TEXT } from "../../src/policy/policy-texts";
import type { Purpose } from "../../src/policy/purposes";
import type { DataCategory } from "../../src/policy/categories";

const NOW = new Date("2026-11-01T12:00:00Z"); // the gateway's clock and the seed's "now"

const ME = `{ me { id firstName lastName email customerNumber address { postalCode country }
  invoices { invoiceNumber } consents { purpose category status } objections { purpose } restriction { reason } } }`;
const PREVIEW = `query($id: ID!) { erasurePreview(subjectId: $id) { sources { erased { table count } kept { recordType recordId until } } } }`;

describe(`portal "Mijn privacy" in headless Chromium (${engineName()})`, () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let subjectId: string;
  let token: string;
  let other: { email: string; last_name: string; customer_number: string };
  let leftOrigin: string[] = [];
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
    // Every request is checked: one that leaves the gateway's origin is recorded and never sent.
    ({ browser, page, leftOrigin } = await guardedBrowser(new URL(gw.url).origin, { acceptDownloads: true }));
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
  /** The objections in the state the gateway returned after the last change. */
  const objectionsShown = async () => page.locator("#choice-state [data-objection]").evaluateAll((els) => els.map((e: any) => e.dataset.objection as string));
  /** A consent cell's status in the state the gateway returned after the last change, and the words it is shown in. */
  const cellShown = async (cell: string) => {
    const item = page.locator(`#choice-state [data-cell="${cell}"]`);
    return { status: await item.getAttribute("data-status"), text: await item.innerText() };
  };
  const axeCheck = () => assertAccessible(page);
  const accessRequests = async () => (await gw.graphql<any>(`{ privacyRequests(first: 100) { edges { node { type } } } }`, { token }))
    .body.data.privacyRequests.edges.filter((e: any) => e.node.type === "ACCESS").length;

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
    const width = await scrollWidth(page);
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
    const shown = await cellShown(cell);
    assert.equal(shown.status, "WITHDRAWN");
    // In the policy's Dutch words (the `policy` query), not as codes.
    assert.ok(shown.text.startsWith(`${PURPOSE_TEXT[purpose as Purpose].nl} — ${CATEGORY_TEXT[category as DataCategory].nl}`), shown.text);
    assert.match(shown.text, /ingetrokken$/);
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
    assert.deepEqual(await cellShown(withdrawnCell).then((c) => [c.status, /gegeven$/.test(c.text)]), ["GIVEN", true]);
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

  test("restricts processing on the ground the customer picks, and lifts the restriction", async () => {
    const before = await accessRequests();
    await page.selectOption("#restrict-reason", "LEGAL_CLAIMS");
    await page.click("#restrict");
    await page.waitForSelector("#lift");
    assert.equal((await me()).restriction?.reason, "LEGAL_CLAIMS", "the gateway holds the chosen ground");
    assert.match(await page.innerText("#restriction-now"), /rechtsvordering/);
    assert.match(await page.innerText("#choice-state"), /rechtsvordering/, "the state the gateway returned names it too");
    await axeCheck();
    await page.click("#lift");
    await page.waitForSelector("#restrict");
    assert.equal((await me()).restriction, null);
    assert.match(await page.innerText("#restriction-now"), /niet beperkt/);
    // The page reloaded its state after each change, without asking for the access report: only a download is an access request.
    assert.equal(await accessRequests(), before, "no access request from reloading the page's state");
  });

  test("switches to English and back: every view's text, the document language, no serious axe finding", async () => {
    await page.click("#lang");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.innerText("#nav-data"), "My data");
    for (const [view, text] of [["retention", /Kept through/], ["correct", /First name/], ["choices", /Restriction of processing/],
      ["export", /Download as JSON/], ["requests", /Your privacy requests/], ["data", /Recent log-ins/]] as const) {
      await open(view);
      const shown = await page.innerText(`#view-${view}`);
      assert.match(shown, text, view);
      assert.doesNotMatch(shown, /Bewaard tot en met|Voornaam|Toestemmingen|Mijn verzoeken|Facturen/, `${view}: no Dutch left`);
      await axeCheck();
    }
    await open("choices");
    assert.ok((await page.innerText("#view-choices")).includes(PURPOSE_TEXT.CONTACT.en), "the purposes in the policy's English words");
    await shot("en-data");
    await page.click("#lang");
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    assert.equal(await page.innerText("#nav-data"), "Mijn gegevens");
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

  test("my requests: the list is the subject's own privacyRequests, with status, due date and outcome; a rejection with its reasons and the AP route", async () => {
    // A request the customer e-mailed, which the privacy officer could not verify and rejected.
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const emailed = await gw.graphql<any>(`mutation($in: SubmitPrivacyRequestInput!) { submitPrivacyRequest(input: $in) { id } }`,
      { ...officer, variables: { in: { subjectId, type: "ACCESS", channel: "EMAIL" } } });
    const rejectedId = emailed.body.data.submitPrivacyRequest.id;
    const rejected = await gw.graphql<any>(`mutation($id: ID!, $r: [String!]!) { rejectPrivacyRequest(id: $id, reasons: $r) { status complaintRoute } }`,
      { ...officer, variables: { id: rejectedId, r: ["Uw identiteit kon niet worden vastgesteld"] } });
    assert.equal(rejected.body.data.rejectPrivacyRequest.status, "REJECTED", JSON.stringify(rejected.body.errors));
    // A fresh log-in loads the list after everything done above (each change and report read is a request).
    await page.reload();
    await page.click("#login");
    await page.waitForSelector("#view-data");
    await open("requests");
    const res = await gw.graphql<any>(`{ privacyRequests(first: 100) { edges { node { id subjectId status dueAt outcome } } } }`, { token });
    const mine = res.body.data.privacyRequests.edges.map((e: any) => e.node);
    assert.ok(mine.length >= 4, `the portal's changes above are requests (${mine.length})`);
    assert.ok(mine.every((r: any) => r.subjectId === subjectId));
    const rows = page.locator("#view-requests tbody tr");
    const shown = await rows.evaluateAll((trs) => trs.map((tr: any) => {
      const span = tr.querySelector("[data-request]");
      return { id: span.dataset.request, status: span.dataset.status, due: tr.children[3].textContent, outcome: tr.querySelector("[data-outcome]")?.dataset.outcome ?? null };
    }));
    assert.deepEqual(shown, mine.map((r: any) => ({ id: r.id, status: r.status, due: r.dueAt.slice(0, 10), outcome: r.outcome })));
    assert.ok(mine.some((r: any) => r.outcome === "FULFILLED"), "done requests show their outcome");
    const row = page.locator(`#view-requests tr:has([data-request="${rejectedId}"])`);
    assert.match(await row.locator("[data-reasons]").innerText(), /Uw identiteit kon niet worden vastgesteld/);
    assert.ok(rejected.body.data.rejectPrivacyRequest.complaintRoute, "the gateway states a complaint route");
    assert.match(await row.locator("[data-complaint]").innerText(), /klacht indienen bij de Autoriteit Persoonsgegevens: https:\/\/autoriteitpersoonsgegevens\.nl/,
      "how to complain to the AP, in Dutch");
    await shot("requests");
    await axeCheck();
    await notOther();
  });

  test("erases after showing what the gateway will erase and keep, and until when; then does exactly that", async () => {
    await open("erase");
    await page.waitForSelector("#erase-confirm");
    const preview = (await gw.graphql<any>(PREVIEW, { token, variables: { id: subjectId } })).body.data.erasurePreview;
    const erasedIn = async (root: string) => Object.fromEntries(await page.locator(`${root} [data-erased]`)
      .evaluateAll((els) => els.map((e: any) => [e.dataset.erased, Number(e.textContent)])));
    const keptIn = async (root: string) => {
      const counts: Record<string, number> = {};
      for (const [type, n] of await page.locator(`${root} [data-kept]`).evaluateAll((els) => els.map((e: any) => [e.dataset.kept, Number(e.dataset.count)]))) {
        counts[type] = (counts[type] ?? 0) + n;
      }
      return counts;
    };
    const sum = (items: { key: string; n: number }[]) => items.reduce<Record<string, number>>((m, { key, n }) => ({ ...m, [key]: (m[key] ?? 0) + n }), {});
    const said = {
      erased: sum(preview.sources.flatMap((x: any) => x.erased.filter((e: any) => e.count > 0).map((e: any) => ({ key: e.table, n: e.count })))),
      kept: sum(preview.sources.flatMap((x: any) => x.kept.map((k: any) => ({ key: k.recordType, n: 1 })))),
    };
    assert.deepEqual(await erasedIn("#erase-preview"), said.erased, "the page shows the gateway's preview of what goes");
    assert.deepEqual(await keptIn("#erase-preview"), said.kept, "and of what is kept");
    const mine = await me();
    assert.equal(said.kept.invoice, mine.invoices.length, "every invoice is kept under the fiscal hold");
    const shown = await page.innerText("#erase-preview");
    for (const i of mine.invoices) assert.ok(shown.includes(i.invoiceNumber), `the kept invoice ${i.invoiceNumber} is named`);
    for (const k of preview.sources.flatMap((x: any) => x.kept)) assert.ok(shown.includes(k.until), "with the day it is kept through");
    await shot("erase-confirm");
    await axeCheck();

    await page.click("#erase-confirm");
    await page.waitForSelector("#erase-result h3");
    assert.deepEqual(await erasedIn("#erase-result"), said.erased, "the erasure did what the preview said");
    assert.deepEqual(await keptIn("#erase-result"), said.kept);
    const left = await gw.dbs.stores.billing.query(`SELECT count(*)::int AS n FROM billing.invoice WHERE customer_number = $1`, [mine.customerNumber]);
    assert.equal(left[0].n, mine.invoices.length, "the invoices are still in billing");
    const [crm] = await gw.dbs.stores.crm.query(`SELECT count(*)::int AS n FROM crm.customer WHERE id = $1`, [subjectId]);
    assert.equal(crm.n, 0, "the customer record is gone");
    await shot("erase-result");
    await notOther();
  });

  test("no request left the gateway's origin", () => {
    assert.deepEqual(leftOrigin, []);
  });
});
