import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { A_PURPOSE_OF, TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { canonicalJson } from "../../src/audit/canonical-json";
import { ROLES } from "../../src/policy/roles";

const DAY = 86_400_000;
const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Executing approved legal demands through HTTP (SPEC §7): exactly the approved categories within the range,
 * checked against direct SQL on each source; the manifest's hash; verification; oral copies; 126ne windows.
 */
describe(`legal disclosure through the API (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  // Every moment below is computed from the gateway's pinned clock.
  const at = (offsetDays: number) => new Date(gw.clock.now().getTime() + offsetDays * DAY).toISOString();
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;
  const legal = () => gw.as("legal_officer", "LEGAL_DISCLOSURE");
  const privacy = () => gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
  const DEMAND = "id status basis subjectId writtenCopyOverdue confidential";
  const EXECUTE = `mutation($id: ID!) { executeDisclosure(demandId: $id) {
    payload manifest { id demandId executedBy executedAt formatVersion fields records { source table ids } payloadSha256 windowOpen }
    demand { id status } } }`;
  const VERIFY = `query($id: ID!, $h: String!) { verifyDisclosure(demandId: $id, payloadSha256: $h) { matches disclosureId } }`;

  async function approved(over: Record<string, unknown>): Promise<string> {
    const input = {
      authority: "Openbaar Ministerie Amsterdam", officerName: "mr. P. Jansen", officerNumber: "OM-7781", issuerType: "PUBLIC_PROSECUTOR",
      basis: "SV_126ND", caseReference: "13/771234-26", subject: { subjectId: anne.id }, categories: ["NAME"], channel: "WRITTEN",
      receivedAt: at(0), documentSha256: "cd".repeat(32), ...over,
    };
    const rec = await gw.graphql<any>(`mutation($i: RecordLegalDemandInput!) { recordLegalDemand(input: $i) { ${DEMAND} refusals } }`,
      { ...(await legal()), variables: { i: input } });
    assert.deepEqual(rec.body.data?.recordLegalDemand?.refusals, [], JSON.stringify(rec.body));
    const id = rec.body.data.recordLegalDemand.id;
    const ok = await gw.graphql<any>(`mutation($id: ID!) { approveLegalDemand(id: $id) { status } }`, { ...(await privacy()), variables: { id } });
    assert.equal(ok.body.data.approveLegalDemand.status, "APPROVED");
    return id;
  }

  const execute = async (id: string) => gw.graphql<any>(EXECUTE, { ...(await legal()), variables: { id } });

  before(async () => {
    gw = await TestGateway.start();
    gw.clock.set("2026-10-02T08:00:00.000Z");
    anne = await createSubject(gw.dbs.stores, { loginEvents: 0, accessLogs: 0 });
    const { auth, weblog, billing } = gw.dbs.stores;
    for (const [days, ip] of [[-3, "198.51.100.77"], [-1, "2001:db8::77"], [-40, "198.51.100.99"]] as const) {
      await auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, $3, true, 'DisclosureProbe/1')`,
        [anne.accountId, at(days), ip]);
    }
    for (const [days, path] of [[-2, "/mijn/facturen"], [-50, "/oud"]] as const) {
      await weblog.query(`INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
        VALUES ($1, '198.51.100.77', 'GET', $2, 200, 'DisclosureProbe/1', $3)`, [at(days), path, anne.accountId]);
    }
    const [inv] = await billing.query(`INSERT INTO billing.invoice (invoice_number, customer_number, invoice_date, due_date, billing_name,
        billing_street, billing_postal_code, billing_city, billing_country, amount_excl_vat, vat_rate, vat_amount, amount_incl_vat, status)
      VALUES ('D-2026-1', $1, $2, $3, 'A. de Vries', 'Keizersgracht 1', '1015 CJ', 'Amsterdam', 'NL', 10, 21, 2.10, 12.10, 'PAID') RETURNING id`,
      [anne.customerNumber, at(-10).slice(0, 10), at(4).slice(0, 10)]);
    await billing.query(`INSERT INTO billing.payment (invoice_id, customer_number, paid_at, amount, method, reference) VALUES ($1, $2, $3, 12.10, 'IDEAL', 'RF-D1')`,
      [inv.id, anne.customerNumber, at(-9)]);
  });
  after(() => gw.close());

  test("a 126nd demand discloses exactly its categories in its range, equal to the sources; the manifest's hash verifies", async () => {
    const from = at(-30);
    const to = at(0);
    const id = await approved({ categories: ["NAME", "IP_ADDRESS", "ACCOUNT_ACTIVITY", "PAYMENT"], from, to });
    const res = await execute(id);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const { payload, manifest, demand } = res.body.data.executeDisclosure;
    assert.equal(demand.status, "EXECUTED");
    const doc = JSON.parse(payload);
    assert.equal(canonicalJson(doc), payload, "the payload is RFC 8785 canonical text");
    assert.equal(sha(payload), manifest.payloadSha256);
    assert.equal(doc.formatVersion, "1");
    assert.deepEqual(Object.keys(doc.sources).sort(), ["auth", "billing", "crm", "weblog"]);

    // crm: the NAME fields only (the customer number is part of NAME), as crm holds them.
    const [c] = await gw.dbs.stores.crm.query(`SELECT id, customer_number, first_name, last_name FROM crm.customer WHERE id = $1`, [anne.id]);
    assert.deepEqual(doc.sources.crm.customer, { id: c.id, customerNumber: c.customer_number, firstName: c.first_name, lastName: c.last_name });

    // auth and weblog: the rows inside the range, every column of these two categories, nothing else.
    const events = await gw.dbs.stores.auth.query(`SELECT id, account_id, occurred_at, host(ip) AS ip, success, user_agent FROM auth.login_event
      WHERE account_id = $1 AND occurred_at BETWEEN $2 AND $3 ORDER BY occurred_at DESC`, [anne.accountId, from, to]);
    assert.equal(events.length, 2);
    assert.deepEqual(doc.sources.auth.loginEvents, events.map((e: any) => ({ id: e.id, accountId: e.account_id,
      occurredAt: new Date(e.occurred_at).toISOString(), ip: e.ip, success: e.success, userAgent: e.user_agent })));
    const [account] = await gw.dbs.stores.auth.query(`SELECT last_login_at FROM auth.account WHERE id = $1`, [anne.accountId]);
    assert.deepEqual(doc.sources.auth.account, { lastLoginAt: new Date(account.last_login_at).toISOString() }, "no credentials");
    const lines = await gw.dbs.stores.weblog.query(`SELECT id, occurred_at, host(ip) AS ip, method, path, status, user_agent FROM weblog.access_log
      WHERE account_id = $1 AND occurred_at BETWEEN $2 AND $3`, [anne.accountId, from, to]);
    assert.deepEqual(doc.sources.weblog.accessLog, lines.map((l: any) => ({ id: l.id, occurredAt: new Date(l.occurred_at).toISOString(),
      ip: l.ip, method: l.method, path: l.path, status: l.status, userAgent: l.user_agent })));

    // billing: the invoice and payment of the range; the 2017–2019 invoices and the 2016 payment method are outside it.
    const invoices = await gw.dbs.stores.billing.query(`SELECT id, invoice_number FROM billing.invoice
      WHERE customer_number = $1 AND invoice_date BETWEEN $2::date AND $3::date`, [anne.customerNumber, from, to]);
    assert.deepEqual(doc.sources.billing.invoices.map((i: any) => [i.id, i.invoiceNumber]), invoices.map((i: any) => [i.id, i.invoice_number]));
    assert.equal(doc.sources.billing.payments.length, 1);
    assert.deepEqual(doc.sources.billing.paymentMethods, []);
    assert.ok(!("iban" in (doc.sources.billing.invoices[0] ?? {})) && !payload.includes("password"), "no secrets");

    // The manifest: the fields and record ids, and the records are those of the payload.
    assert.ok(manifest.fields.includes("LoginEvent.ip") && manifest.fields.includes("Subject.lastName"));
    assert.ok(!manifest.fields.some((f: string) => /^(Address\.|Subject\.(email|phone|notes|gender)|Account\.(username|id))/.test(f)), manifest.fields.join());
    const ids = Object.fromEntries(manifest.records.map((r: any) => [`${r.source}.${r.table}`, r.ids]));
    assert.deepEqual(ids["auth.login_event"], events.map((e: any) => e.id).sort());
    assert.deepEqual(ids["crm.customer"], [anne.id]);
    assert.equal(manifest.executedBy, "test-legal_officer");

    // Verification: yes for the payload, no for one changed byte.
    const yes = await gw.graphql<any>(VERIFY, { ...(await privacy()), variables: { id, h: sha(payload) } });
    assert.deepEqual(yes.body.data.verifyDisclosure, { matches: true, disclosureId: manifest.id });
    const changed = payload.replace("198.51.100.77", "198.51.100.78");
    const no = await gw.graphql<any>(VERIFY, { ...(await legal()), variables: { id, h: sha(changed) } });
    assert.deepEqual(no.body.data.verifyDisclosure, { matches: false, disclosureId: null });

    // The audit trail has the execution with the manifest's hash and none of the payload's values.
    const trail = JSON.stringify(await gw.dbs.stores.privacy.query(`SELECT entry FROM privacy.audit_event`));
    assert.ok(trail.includes(manifest.payloadSha256) && trail.includes("LEGAL_DEMAND_EXECUTED"));
    for (const value of ["198.51.100.77", "2001:db8::77", "DisclosureProbe", "/mijn/facturen", "D-2026-1", anne.lastName, anne.customerNumber, anne.id]) {
      assert.ok(!trail.includes(value), value);
    }
    const stored = JSON.stringify(await gw.dbs.stores.privacy.query(`SELECT * FROM privacy.disclosure`));
    assert.ok(!stored.includes("198.51.100.77") && !stored.includes(anne.lastName), "a manifest, not a copy");

    // Executed once: a second execution is refused.
    assert.equal(code(await execute(id)), "BAD_USER_INPUT");
  });

  test("an identifying-data demand (126nc) discloses the name and address, and asks no other source", async () => {
    const id = await approved({ basis: "SV_126NC", issuerType: "POLICE_OFFICER", categories: ["NAME", "ADDRESS"] });
    const doc = JSON.parse((await execute(id)).body.data.executeDisclosure.payload);
    assert.deepEqual(Object.keys(doc.sources), ["crm"]);
    assert.deepEqual(Object.keys(doc.sources.crm.customer).sort(),
      ["city", "country", "customerNumber", "firstName", "houseNumber", "id", "lastName", "postalCode", "street"]);
  });

  test("an oral demand whose written copy is overdue cannot be executed until the copy is recorded", async () => {
    const id = await approved({ channel: "ORAL", documentSha256: null, receivedAt: at(-4) });
    assert.equal(code(await execute(id)), "WRITTEN_COPY_OVERDUE");
    const copy = await gw.graphql<any>(`mutation($id: ID!) { recordWrittenCopy(id: $id, documentSha256: "${"ef".repeat(32)}") { writtenCopyOverdue } }`,
      { ...(await legal()), variables: { id } });
    assert.equal(copy.body.data.recordWrittenCopy.writtenCopyOverdue, false);
    assert.equal((await execute(id)).body.data.executeDisclosure.demand.status, "EXECUTED");
  });

  test("a 126ne window still open is disclosed so far (PARTIALLY_EXECUTED); after it ends the rest follows (EXECUTED)", async () => {
    const start = gw.clock.now();
    const id = await approved({ basis: "SV_126NE", categories: ["IP_ADDRESS"], from: at(-2), to: at(7) });
    const first = (await execute(id)).body.data.executeDisclosure;
    assert.deepEqual([first.demand.status, first.manifest.windowOpen], ["PARTIALLY_EXECUTED", true]);
    assert.deepEqual(JSON.parse(first.payload).sources.auth.loginEvents.map((e: any) => e.ip), ["2001:db8::77"]);
    await gw.dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, '203.0.113.5', true, 'x')`,
      [anne.accountId, at(3)]);
    gw.clock.set(new Date(start.getTime() + 8 * DAY));
    try {
      const second = (await execute(id)).body.data.executeDisclosure;
      assert.deepEqual([second.demand.status, second.manifest.windowOpen], ["EXECUTED", false]);
      assert.deepEqual(JSON.parse(second.payload).sources.auth.loginEvents.map((e: any) => e.ip), ["203.0.113.5", "2001:db8::77"]);
      const manifests = await gw.graphql<any>(`query($id: ID!) { disclosureManifests(demandId: $id) { payloadSha256 } }`, { ...(await legal()), variables: { id } });
      assert.deepEqual(manifests.body.data.disclosureManifests.map((m: any) => m.payloadSha256), [first.manifest.payloadSha256, second.manifest.payloadSha256]);
    } finally {
      gw.clock.set(start);
    }
  });

  test("nothing is disclosed on a demand that is not approved, nor on a preservation order", async () => {
    const rec = await gw.graphql<any>(`mutation($i: RecordLegalDemandInput!) { recordLegalDemand(input: $i) { id } }`, { ...(await legal()), variables: { i: {
      authority: "Politie", officerName: "A", officerNumber: "1", issuerType: "POLICE_OFFICER", basis: "SV_126NC", caseReference: "PV-1",
      subject: { subjectId: anne.id }, categories: ["NAME"], channel: "WRITTEN", receivedAt: at(0), documentSha256: "ab".repeat(32) } } });
    assert.equal(code(await execute(rec.body.data.recordLegalDemand.id)), "BAD_USER_INPUT", "RECORDED, not approved");
    const preserve = await approved({ basis: "SV_126NI", categories: ["NAME"], preservationDays: 30 });
    assert.equal(code(await execute(preserve)), "BAD_USER_INPUT");
    assert.equal(code(await execute("00000000-0000-4000-8000-000000000000")), "NOT_FOUND");
    assert.equal(code(await execute("not-an-id")), "BAD_USER_INPUT");
  });

  test("only the legal officer executes and closes; only the privacy officer lifts; only those two verify and read manifests", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const role of ROLES) {
      const as = await gw.as(role, A_PURPOSE_OF[role], role === "customer" ? anne.id : undefined);
      assert.equal(code(await gw.graphql<any>(EXECUTE, { ...as, variables: { id } })), role === "legal_officer" ? "NOT_FOUND" : "FORBIDDEN", role);
      const verify = await gw.graphql<any>(VERIFY, { ...as, variables: { id, h: "ab".repeat(32) } });
      assert.equal(code(verify), ["legal_officer", "privacy_officer"].includes(role) ? "NOT_FOUND" : "FORBIDDEN", `${role} verifies`);
      const manifests = await gw.graphql<any>(`query($id: ID!) { disclosureManifests(demandId: $id) { id } }`, { ...as, variables: { id } });
      assert.equal(code(manifests) ?? "OK", ["legal_officer", "privacy_officer"].includes(role) ? "OK" : "FORBIDDEN", `${role} reads manifests`);
      const lift = await gw.graphql<any>(`mutation($id: ID!) { liftConfidentiality(demandId: $id, evidenceSha256: "${"ab".repeat(32)}", note: "n") { id } }`,
        { ...as, variables: { id } });
      assert.equal(code(lift), role === "privacy_officer" ? "NOT_FOUND" : "FORBIDDEN", `${role} lifts`);
      const close = await gw.graphql<any>(`mutation($id: ID!) { closeLegalDemand(id: $id) { id } }`, { ...as, variables: { id } });
      assert.equal(code(close), role === "legal_officer" ? "NOT_FOUND" : "FORBIDDEN", `${role} closes`);
    }
  });
});
