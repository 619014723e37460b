import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";
import { SettableClock } from "../../src/common/clock";

const NOW = "2026-06-15T12:00:00Z";

const ERASE = `mutation($id: ID!) { eraseSubject(subjectId: $id) { requestId status sources { source status errorCode erased { table count } kept { recordType recordId reason until } } } }`;
const REQUEST = `query($id: ID!) { privacyRequest(id: $id) { status outcome tasks { source status attempts lastErrorCode } } }`;

/** Erasure through the API, checked in the databases themselves (Fides-style). */
describe(`erasure (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let bert: SubjectFixture;
  let heldInvoiceId: string;
  const rowsOf = async (store: "crm" | "billing" | "auth" | "weblog", sql: string, params: unknown[]) =>
    gw.dbs.stores[store].query(sql, params) as Promise<any[]>;
  const snapshot = async (s: SubjectFixture) => ({
    crm: await rowsOf("crm", `SELECT row_to_json(c)::text AS r FROM crm.customer c WHERE id = $1`, [s.id]),
    invoices: await rowsOf("billing", `SELECT row_to_json(i)::text AS r FROM billing.invoice i WHERE customer_number = $1 ORDER BY id`, [s.customerNumber]),
    account: await rowsOf("auth", `SELECT row_to_json(a)::text AS r FROM auth.account a WHERE customer_number = $1`, [s.customerNumber]),
    log: await rowsOf("weblog", `SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [s.accountId]),
  });

  before(async () => {
    // Retention is judged on the gateway's clock: pinned, so the 2024 invoice stays held (until 2031-12-31) whenever this runs.
    gw = await TestGateway.start({ ERASURE_JOB_DELAY_SECONDS: "1", ERASURE_RETRY_DELAY_SECONDS: "1", JOB_POLL_SECONDS: "0.5" }, { clock: new SettableClock(NOW) });
    anne = await createSubject(gw.dbs.stores, { invoices: 2, loginEvents: 3, accessLogs: 4 });
    bert = await createSubject(gw.dbs.stores);
    const [inv] = await rowsOf("billing", `INSERT INTO billing.invoice (invoice_number, customer_number, invoice_date, due_date, billing_name,
        billing_street, billing_postal_code, billing_city, billing_country, amount_excl_vat, vat_rate, vat_amount, amount_incl_vat, status)
      VALUES ('2024-HELD', $1, '2024-03-01', '2024-03-15', 'A de Vries', 'Keizersgracht 1', '1015 CJ', 'Amsterdam', 'NL', 100, 21, 21, 121, 'PAID') RETURNING id`,
      [anne.customerNumber]);
    heldInvoiceId = inv.id;
    await rowsOf("billing", `INSERT INTO billing.payment (invoice_id, customer_number, paid_at, amount, method, reference) VALUES ($1, $2, '2024-03-05T10:00:00Z', 121, 'IDEAL', 'RF-HELD')`,
      [heldInvoiceId, anne.customerNumber]);
  });
  after(() => gw.close());

  test("the subject erases itself: crm, auth and weblog rows gone, old invoices deleted, recent ones held unchanged until 31-12 + 7 years", async () => {
    const heldBefore = await rowsOf("billing", `SELECT row_to_json(i)::text AS r FROM billing.invoice i WHERE id = $1`, [heldInvoiceId]);
    const bertBefore = await snapshot(bert);
    const res = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", undefined, anne.id)), variables: { id: anne.id } });
    assert.equal(res.body.errors, undefined);
    const out = res.body.data.eraseSubject;
    assert.equal(out.status, "COMPLETED");
    const by = Object.fromEntries(out.sources.map((s: any) => [s.source, s]));
    assert.deepEqual(by.CRM.erased, [{ table: "customer", count: 1 }]);
    assert.ok(by.AUTH.erased.some((e: any) => e.table === "login_event" && e.count === 3));
    assert.deepEqual(by.WEBLOG.erased, [{ table: "access_log", count: 4 }]);
    const kept = by.BILLING.kept.find((k: any) => k.recordId === heldInvoiceId);
    assert.deepEqual(by.BILLING.kept.map((k: any) => k.recordType), ["invoice", "payment"], "each held record listed once");
    assert.deepEqual([by.PRIVACY.status, by.PRIVACY.kept], ["DONE", []], "the holds' register lists nothing twice");
    assert.deepEqual(kept, { recordType: "invoice", recordId: heldInvoiceId, reason: "AWR art. 52; AVG art. 17(3)(b)", until: "2031-12-31" });

    const after = await snapshot(anne);
    assert.deepEqual(after.crm, []);
    assert.deepEqual(after.account, []);
    assert.equal(after.log[0].n, 0);
    assert.deepEqual(after.invoices, heldBefore, "only the held invoice is left, byte for byte unchanged");
    assert.deepEqual(await snapshot(bert), bertBefore, "another subject is untouched");
    const [hold] = await gw.dbs.stores.privacy.query(`SELECT expires_at::text AS e, basis FROM privacy.legal_hold WHERE record_id = $1`, [heldInvoiceId]);
    assert.deepEqual(hold, { e: "2031-12-31", basis: "AWR art. 52; AVG art. 17(3)(b)" });

    const request = await gw.graphql<any>(REQUEST, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: out.requestId } });
    assert.equal(request.body.data.privacyRequest.status, "COMPLETED");
    assert.equal(request.body.data.privacyRequest.outcome, "PARTIALLY_FULFILLED");
    // Done inline: every task DONE at the first attempt, and no safety-net job is left to run later.
    assert.deepEqual(request.body.data.privacyRequest.tasks.map((t: any) => [t.source, t.status, t.attempts]),
      [["AUTH", "DONE", 1], ["BILLING", "DONE", 1], ["CRM", "DONE", 1], ["PRIVACY", "DONE", 1], ["WEBLOG", "DONE", 1]]);
    const [jobs] = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy_jobs.job WHERE singleton_key LIKE $1`, [`${out.requestId}:%`]);
    assert.equal(jobs.n, 0);
    // The evidence: the request opened with its holds, then the four source steps with their counts, committed
    // with the task statuses (one entry each) and the completion.
    const trail = await gw.dbs.stores.privacy.query(
      `SELECT action, entry::jsonb -> 'detail' AS detail FROM privacy.audit_event WHERE entry::jsonb -> 'detail' ->> 'rightsRequest' = $1 ORDER BY seq`, [out.requestId]);
    assert.deepEqual(trail.map((e: any) => e.action), ["RIGHTS_REQUEST_RECEIVED", "RIGHTS_REQUEST_TASKS_ADDED", "SUBJECT_ERASURE_STEP",
      "SUBJECT_ERASURE_STEP", "RIGHTS_REQUEST_TASK_UPDATED", "RIGHTS_REQUEST_COMPLETED"]);
    const steps = trail.filter((e: any) => e.action === "SUBJECT_ERASURE_STEP").flatMap((e: any) => e.detail.steps);
    assert.deepEqual(steps.map((x: any) => x.step).sort(), ["auth", "billing", "crm", "privacy", "weblog"]);
    assert.equal(steps.find((x: any) => x.step === "weblog")["erased.access_log"], 4);
    assert.deepEqual(trail[4].detail.tasks.map((t: any) => [t.source, t.from, t.to]).sort(),
      [["auth", "PENDING", "DONE"], ["billing", "PENDING", "DONE"], ["crm", "PENDING", "DONE"], ["weblog", "PENDING", "DONE"]]);
  });

  test("afterwards only LEGAL_TAX sees anything of the subject: its held invoice", async () => {
    const read = `query($id: ID!) { subject(id: $id) { id firstName invoices { id invoiceNumber } } }`;
    for (const [role, purpose] of [["support", "CONTACT"], ["billing", "SERVICE_BILLING"], ["privacy_officer", "DATA_SUBJECT_RIGHTS"]] as const) {
      const res = await gw.graphql<any>(read, { ...(await gw.as(role, purpose)), variables: { id: anne.id } });
      assert.equal(res.body.errors?.[0].extensions?.code, "NOT_FOUND", `${role}/${purpose}`);
    }
    // Analysts list subjects (they cannot look one up by id): the erased subject is no longer among them.
    const listed = await gw.graphql<any>(`{ subjects(first: 100) { edges { node { id } } } }`, await gw.as("analyst", "ANALYTICS"));
    const [{ n: remaining }] = await gw.dbs.stores.crm.query(`SELECT count(*)::int AS n FROM crm.customer`);
    assert.equal(listed.body.data.subjects.edges.length, remaining);
    const own = await gw.graphql<any>(`{ me { firstName } }`, await gw.as("customer", undefined, anne.id));
    assert.equal(own.body.errors?.[0].extensions?.code, "NOT_FOUND");
    const tax = await gw.graphql<any>(read, { ...(await gw.as("finance", "LEGAL_TAX")), variables: { id: anne.id } });
    assert.equal(tax.body.errors, undefined);
    assert.equal(tax.body.data.subject.firstName, null);
    assert.deepEqual(tax.body.data.subject.invoices, [{ id: heldInvoiceId, invoiceNumber: "2024-HELD" }]);
  });

  test("erasing an already-erased subject opens no new request: NOT_FOUND", async () => {
    const requests = async () => (await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.rights_request WHERE subject_id = $1`, [anne.id]))[0].n;
    assert.equal(await requests(), 1);
    const again = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", undefined, anne.id)), variables: { id: anne.id } });
    assert.equal(again.body.errors?.[0].extensions?.code, "NOT_FOUND");
    assert.equal(await requests(), 1, "no second request opened and completed");
    const held = await rowsOf("billing", `SELECT count(*)::int AS n FROM billing.invoice WHERE id = $1`, [heldInvoiceId]);
    assert.equal(held[0].n, 1, "the held invoice stays");
  });

  test("a source that is down keeps the request IN_PROGRESS and is retried until it is back; then it completes", async () => {
    const weblog = gw.dbs.stores.weblog;
    await weblog.query(`ALTER TABLE weblog.access_log RENAME TO access_log_offline`);
    let out: any;
    try {
      const res = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", undefined, bert.id)), variables: { id: bert.id } });
      out = res.body.data.eraseSubject;
      assert.equal(out.status, "IN_PROGRESS", "never COMPLETED early");
      const web = out.sources.find((s: any) => s.source === "WEBLOG");
      assert.deepEqual([web.status, web.errorCode], ["FAILED", "SOURCE_UNAVAILABLE"]);
      // the durable job tries again (and fails again) while the request waits
      let waiting: any;
      for (let i = 0; i < 40; i++) {
        await sleep(500);
        waiting = (await gw.graphql<any>(REQUEST, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: out.requestId } })).body.data.privacyRequest;
        if (waiting.tasks.find((t: any) => t.source === "WEBLOG").attempts >= 3) break;
      }
      assert.equal(waiting.status, "IN_PROGRESS");
      const task = waiting.tasks.find((t: any) => t.source === "WEBLOG");
      assert.ok(task.attempts >= 3, `retried (attempts: ${task.attempts})`);
      assert.equal(task.lastErrorCode, "SOURCE_UNAVAILABLE");
    } finally {
      await weblog.query(`ALTER TABLE weblog.access_log_offline RENAME TO access_log`);
    }
    let done: any = null;
    for (let i = 0; i < 60 && done?.status !== "COMPLETED"; i++) {
      await sleep(500);
      const r = await gw.graphql<any>(REQUEST, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: out.requestId } });
      done = r.body.data.privacyRequest;
    }
    assert.equal(done.status, "COMPLETED");
    assert.deepEqual(done.tasks.find((t: any) => t.source === "WEBLOG").lastErrorCode, null, "a DONE task shows no failure");
    assert.equal((await rowsOf("weblog", `SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [bert.accountId]))[0].n, 0);
    // The request's one safety-net job worked only what was unfinished: the tasks done inline ran once.
    assert.deepEqual(done.tasks.filter((t: any) => t.source !== "WEBLOG").map((t: any) => [t.source, t.status, t.attempts]),
      [["AUTH", "DONE", 1], ["BILLING", "DONE", 1], ["CRM", "DONE", 1], ["PRIVACY", "DONE", 1]]);
    const [jobs] = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'completed')::int AS completed
      FROM privacy_jobs.job WHERE singleton_key LIKE $1`, [`${out.requestId}:%`]);
    assert.deepEqual(jobs, { n: 1, completed: 1 });
  });

  test("steps repeated after their results were lost still record what was erased, not 0", async () => {
    const gina = await createSubject(gw.dbs.stores, { invoices: 2, loginEvents: 3, accessLogs: 4 });
    const privacy = gw.dbs.stores.privacy;
    // The steps run, then recording their results fails (no task may become DONE): the job repeats them later.
    await privacy.query(`CREATE FUNCTION privacy.test_refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await privacy.query(`CREATE TRIGGER test_refuse_done BEFORE UPDATE ON privacy.rights_request_task FOR EACH ROW WHEN (NEW.status = 'DONE') EXECUTE FUNCTION privacy.test_refuse_done()`);
    let requestId: string;
    try {
      const res = await gw.graphql<any>(ERASE, { ...(await gw.as("customer", undefined, gina.id)), variables: { id: gina.id } });
      assert.notEqual(res.body.errors, undefined, "the results could not be recorded");
      assert.equal((await rowsOf("weblog", `SELECT count(*)::int AS n FROM weblog.access_log WHERE account_id = $1`, [gina.accountId]))[0].n, 0, "the steps ran");
      [{ id: requestId }] = await privacy.query(`SELECT id FROM privacy.rights_request WHERE subject_id = $1`, [gina.id]);
    } finally {
      await privacy.query(`DROP TRIGGER test_refuse_done ON privacy.rights_request_task`);
      await privacy.query(`DROP FUNCTION privacy.test_refuse_done()`);
    }
    let done: any = null;
    for (let i = 0; i < 40 && done?.status !== "COMPLETED"; i++) {
      await sleep(500);
      done = (await gw.graphql<any>(REQUEST, { ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: requestId } })).body.data.privacyRequest;
    }
    assert.equal(done.status, "COMPLETED");
    const trail = await privacy.query(`SELECT entry::jsonb -> 'detail' -> 'steps' AS steps FROM privacy.audit_event
      WHERE action = 'SUBJECT_ERASURE_STEP' AND entry::jsonb -> 'detail' ->> 'rightsRequest' = $1 ORDER BY seq`, [requestId]);
    const recorded = trail.flatMap((e: any) => e.steps).filter((x: any) => x.step !== "privacy");
    const erased = (step: string) => Object.fromEntries(Object.entries(recorded.find((x: any) => x.step === step)).filter(([k]) => k.startsWith("erased.") || k === "earlierAttempt"));
    assert.deepEqual(recorded.map((x: any) => x.step).sort(), ["auth", "billing", "crm", "weblog"], "each step recorded once");
    assert.deepEqual(erased("crm"), { "erased.customer": 1 });
    assert.deepEqual(erased("auth"), { "erased.login_event": 3, "erased.account": 1 });
    assert.deepEqual(erased("weblog"), { "erased.access_log": 4 });
    assert.deepEqual(erased("billing"), { "erased.payment_method": 1, "erased.payment": 2, "erased.invoice": 2 });
  });

  test("nobody else may erase a subject", async () => {
    const carl = await createSubject(gw.dbs.stores);
    for (const who of [await gw.as("customer", undefined, anne.id), await gw.as("support", "CONTACT")]) {
      const res = await gw.graphql<any>(ERASE, { ...who, variables: { id: carl.id } });
      assert.equal(res.body.errors?.[0].extensions?.code, "FORBIDDEN");
    }
    assert.equal((await snapshot(carl)).crm.length, 1);
  });
});
