import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { SettableClock } from "../../src/common/clock";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import { PURPOSES } from "../../src/policy/purposes";
import { DATA_CATEGORIES } from "../../src/policy/categories";
import { RETENTION_RULES } from "../../src/policy/retention";
import { StatementService } from "../../src/statement/statement.service";
import { StatementRepository } from "../../src/statement/statement.repository";

/** The published statement, its versions, the register and the machine-readable policy, over HTTP. */
describe(`privacy statement, register and policy (${engineName()})`, () => {
  // The gateway's clock at start-up is the publication time; every date below derives from it.
  const startedAt = new Date("2026-12-06T08:00:00.000Z");
  let gw: TestGateway;
  let anne: SubjectFixture;
  const get = (path: string) => fetch(`${gw.url}${path}`);
  const sha256 = (t: string) => createHash("sha256").update(t, "utf8").digest("hex");

  before(async () => {
    gw = await TestGateway.start({}, { clock: new SettableClock(startedAt) });
    anne = await createSubject(gw.dbs.stores);
  });
  after(() => gw.close());

  test("GET /privacy-statement: Dutch HTML by default, English on ?lang=en, with version and date; no token needed", async () => {
    const nl = await get("/privacy-statement");
    assert.equal(nl.status, 200);
    assert.match(nl.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(nl.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    const html = await nl.text();
    assert.match(html, /<html lang="nl">/);
    assert.ok(html.includes(`Versie ${POLICY_VERSION}, gepubliceerd op 6 december 2026`));
    const en = await (await get("/privacy-statement?lang=en")).text();
    assert.match(en, /<html lang="en">/);
    assert.ok(en.includes(`Version ${POLICY_VERSION}, published on 6 December 2026`));
    const md = await get("/privacy-statement.md?lang=nl");
    assert.match(md.headers.get("content-type") ?? "", /^text\/markdown/);
    assert.match(await md.text(), /^# Privacyverklaring/);
    const bad = await get("/privacy-statement?lang=<fr>");
    assert.equal(bad.status, 400);
    const body = await bad.text();
    assert.ok(body.includes("BAD_USER_INPUT") && !body.includes("<fr>"), "refused, the value not echoed");
  });

  test("privacyStatements lists the current version once, published at the gateway's clock, with the hashes of the served texts", async () => {
    const res = await gw.graphql<any>(`{ privacyStatements { version publishedAt languages texts { language format sha256 } } }`, await gw.as("customer", undefined, anne.id));
    assert.equal(res.body.errors, undefined);
    const [current, ...older] = res.body.data.privacyStatements;
    assert.equal(older.length, 0);
    assert.deepEqual([current.version, current.publishedAt, current.languages], [POLICY_VERSION, startedAt.toISOString(), ["nl", "en"]]);
    for (const [lang, format, path] of [["nl", "html", "/privacy-statement"], ["en", "markdown", "/privacy-statement.md?lang=en"]]) {
      const served = await (await get(path)).text();
      assert.equal(current.texts.find((t: any) => t.language === lang && t.format === format).sha256, sha256(served), `${lang} ${format}`);
    }
  });

  test("publishing again, by several gateways at once and later, keeps the first publication", async () => {
    const later = new SettableClock(new Date(startedAt.getTime() + 3_600_000));
    const others = [1, 2, 3].map(() => new StatementService(new StatementRepository(gw.dbs.stores.privacy), gw.config.controller, later));
    const stored = await Promise.all(others.map((s) => s.publish()));
    for (const s of stored) assert.equal(new Date(s.publishedAt).toISOString(), startedAt.toISOString());
    const rows = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.privacy_statement`);
    assert.equal(rows[0].n, 1);
  });

  test("a consent's recorded version is a statement the customer could read", async () => {
    const customer = await gw.as("customer", undefined, anne.id);
    const res = await gw.graphql<any>(`mutation { withdrawConsent(subjectId: "${anne.id}", purpose: CONTACT, category: GENDER) { consents { purpose category policyVersion } } }`, customer);
    assert.equal(res.body.errors, undefined);
    const recorded = res.body.data.withdrawConsent.consents.find((c: any) => c.purpose === "CONTACT").policyVersion;
    const listed = await gw.graphql<any>(`{ privacyStatements { version } }`, customer);
    assert.ok(listed.body.data.privacyStatements.some((s: any) => s.version === recorded), `${recorded} is listed`);
  });

  test("processingRegister: the privacy officer gets JSON, CSV and Markdown naming every purpose, category and rule; others are refused", async () => {
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    for (const format of ["JSON", "CSV", "MARKDOWN"]) {
      const res = await gw.graphql<any>(`{ processingRegister(format: ${format}) { format policyVersion content } }`, officer);
      assert.equal(res.body.errors, undefined);
      const { content, policyVersion } = res.body.data.processingRegister;
      assert.equal(policyVersion, POLICY_VERSION);
      for (const name of [...PURPOSES, ...DATA_CATEGORIES, ...RETENTION_RULES.map((r) => r.id), gw.config.controller.name]) assert.ok(content.includes(name), `${format}: ${name}`);
    }
    for (const [role, purpose] of [["support", "CONTACT"], ["customer", undefined], ["legal_officer", "LEGAL_DISCLOSURE"]] as const) {
      const res = await gw.graphql<any>(`{ processingRegister { content } }`, await gw.as(role, purpose, role === "customer" ? anne.id : undefined));
      assert.equal(res.body.errors?.[0]?.extensions?.code, "FORBIDDEN", role);
      assert.equal(res.body.data?.processingRegister ?? null, null);
    }
  });

  test("policy: any authenticated caller reads the machine-readable policy; no token, no policy", async () => {
    const res = await gw.graphql<any>(`{ policy }`, await gw.as("analyst", "ANALYTICS"));
    assert.equal(res.body.errors, undefined);
    const policy = res.body.data.policy;
    assert.equal(policy.policyVersion, POLICY_VERSION);
    assert.deepEqual(policy.purposes.map((p: any) => p.purpose), [...PURPOSES]);
    assert.deepEqual(policy.retentionRules.map((r: any) => r.id), RETENTION_RULES.map((r) => r.id));
    assert.ok(policy.matrix.some((c: any) => c.purpose === "ANALYTICS" && c.category === "IP_ADDRESS" && c.mask === "IP_PREFIX"));
    assert.ok(policy.purposes.find((p: any) => p.purpose === "WEBSITE").legitimateInterest);
    // Every purpose, category, basis and retention rule carries the statement's own words in every language (the portal shows them).
    const words = (t: any) => typeof t?.nl === "string" && t.nl.length > 0 && typeof t?.en === "string" && t.en.length > 0;
    const named = [...policy.purposes, ...policy.purposes.flatMap((p: any) => p.lawfulBases), ...policy.categories];
    assert.deepEqual(named.filter((x: any) => !words(x.text)), []);
    assert.deepEqual(policy.retentionRules.filter((r: any) => !words(r.text?.appliesTo) || !words(r.text?.reason)), []);
    assert.equal(policy.purposes.find((p: any) => p.purpose === "CONTACT").text.nl, "Het opnemen van contact als hierom wordt gevraagd");
    assert.deepEqual(policy.supervisoryAuthority.url, "https://autoriteitpersoonsgegevens.nl", "where to complain (AVG art. 77)");
    assert.equal((await gw.graphql(`{ policy }`)).status, 401);
  });
});
