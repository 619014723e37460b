import "reflect-metadata";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { graphql } from "graphql";
import { buildSchema, Query, Resolver } from "type-graphql";
import type { Databases } from "../../src/db/data-sources";
import { sqlStats } from "../../src/db/sql-stats";
import { DataCategory } from "../../src/policy/categories";
import { Purpose } from "../../src/policy/purposes";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import type { Role } from "../../src/policy/roles";
import { AuditService } from "../../src/audit/audit.service";
import { AuditRepository } from "../../src/audit/audit.repository";
import { subjectHash } from "../../src/audit/subject-hash";
import { CrmAdapter } from "../../src/sources/crm/crm.adapter";
import { ChoicesRepository } from "../../src/rights/choices/choices.repository";
import { ChoicesService } from "../../src/rights/choices/choices.service";
import type { AuditRecorder } from "../../src/audit/audit-entry";
import { RestrictionReason } from "../../src/rights/choices/directive";
import type { Actor } from "../../src/access/actor";
import { ChoicesResolver } from "../../src/rights/choices/choices.resolver";
import { SchemaClassification } from "../../src/access/schema-classification";
import { createSubject } from "../support/factories";
import { engineName, openTestDatabases, testConfig } from "../support/test-databases";

const { SERVICE_BILLING, CONTACT, ANALYTICS, ORDERS, LEGAL_TAX, DATA_SUBJECT_RIGHTS } = Purpose;
const { GENDER, NAME } = DataCategory;
const actor = (role: Role): Actor => ({ actor: `test-${role}`, role, purpose: DATA_SUBJECT_RIGHTS, requestId: randomUUID() });
const customer = actor("customer");
const officer = actor("privacy_officer");

type Row = Record<string, any>;

describe(`per-subject privacy state (${engineName()})`, () => {
  const hashKey = testConfig().audit.hashKey;
  let dbs: Databases;
  let repo: ChoicesRepository;
  let audit: AuditService;
  let service: ChoicesService;
  const serviceWith = (recorder: AuditRecorder) => {
    const crm = new CrmAdapter(dbs.stores.crm);
    return new ChoicesService(repo, recorder, async (id) => (await crm.findByIds([id]))[0] !== null);
  };
  const newSubject = async () => (await createSubject(dbs.stores, { invoices: 0, account: false, paymentMethods: 0 })).id;
  const directives = (subjectId: string): Promise<Row[]> =>
    dbs.stores.privacy.query(
      `SELECT * FROM privacy.subject_directive WHERE subject_id = $1 ORDER BY recorded_at, kind, purpose, category`,
      [subjectId],
    );
  const auditEntries = async (subjectId: string): Promise<Row[]> =>
    (
      await dbs.stores.privacy.query(`SELECT entry FROM privacy.audit_event WHERE subject_hash = $1 ORDER BY seq`, [
        subjectHash(hashKey, subjectId),
      ])
    ).map((r: { entry: string }) => JSON.parse(r.entry));
  const counts = async () =>
    (
      await dbs.stores.privacy.query(
        `SELECT (SELECT count(*)::int FROM privacy.subject_directive) AS directives,
                (SELECT count(*)::int FROM privacy.audit_event) AS audit`,
      )
    )[0];

  before(async () => {
    dbs = await openTestDatabases();
    repo = new ChoicesRepository(dbs.stores.privacy);
    audit = new AuditService(new AuditRepository(dbs.stores.privacy), hashKey);
    service = serviceWith(audit);
  });
  after(() => dbs?.close());

  test("withdrawing one consent stores one row with time, role and policy version, and audits it", async () => {
    const id = await newSubject();
    const t0 = Date.now();
    const status = await service.withdrawConsent(customer, id, SERVICE_BILLING, GENDER);
    const [row, ...more] = await directives(id);
    assert.equal(more.length, 0);
    assert.deepEqual(
      [row.kind, row.purpose, row.category, row.reason, row.recorded_by_role, row.policy_version, row.ended_at],
      ["CONSENT_WITHDRAWN", "SERVICE_BILLING", "GENDER", null, "customer", POLICY_VERSION, null],
    );
    assert.ok(row.recorded_at instanceof Date && Math.abs(row.recorded_at.getTime() - t0) < 5_000);
    const byCell = new Map(status.consents!.map((c) => [`${c.purpose}:${c.category}`, c]));
    assert.deepEqual(byCell.get("SERVICE_BILLING:GENDER"), {
      purpose: SERVICE_BILLING, category: GENDER, status: "WITHDRAWN", since: row.recorded_at,
      policyVersion: POLICY_VERSION, recordedByRole: "customer",
    });
    assert.equal(byCell.get("CONTACT:GENDER")?.status, "GIVEN");
    assert.equal(byCell.get("CONTACT:GENDER")?.since, null);
    assert.equal(status.currentPolicyVersion, POLICY_VERSION);
    const [entry, ...others] = await auditEntries(id);
    assert.equal(others.length, 0);
    assert.equal(entry.action, "CONSENT_WITHDRAWN");
    assert.deepEqual([entry.role, entry.purpose, entry.requestId, entry.policyVersion], ["customer", "DATA_SUBJECT_RIGHTS", customer.requestId, POLICY_VERSION]);
    assert.deepEqual(entry.categories, ["GENDER"]);
    assert.deepEqual(entry.detail, { purpose: "SERVICE_BILLING", category: "GENDER", cells: ["SERVICE_BILLING:GENDER"], added: 1 });
    assert.ok(!JSON.stringify(entry).includes(id), "the audit entry holds the subject only as a keyed hash");
  });

  test("withdrawing without a filter covers every consent cell; repeating adds no second active row", async () => {
    const id = await newSubject();
    await service.withdrawConsent(customer, id, CONTACT, GENDER);
    const status = await service.withdrawConsent(officer, id);
    await service.withdrawConsent(officer, id, null, GENDER);
    const rows = await directives(id);
    assert.deepEqual(rows.map((r) => `${r.purpose}:${r.category}:${r.recorded_by_role}`).sort(),
      ["CONTACT:GENDER:customer", "SERVICE_BILLING:GENDER:privacy_officer"]);
    assert.ok(status.consents!.every((c) => c.status === "WITHDRAWN"));
    assert.deepEqual((await auditEntries(id)).map((e) => e.detail.added), [1, 1, 0], "every request is audited");
  });

  test("an objection is stored once per purpose and lists the categories it stops", async () => {
    const id = await newSubject();
    await service.objectToProcessing(customer, id, ANALYTICS);
    const status = await service.objectToProcessing(officer, id, ANALYTICS);
    const rows = await directives(id);
    assert.deepEqual(rows.map((r) => [r.kind, r.purpose, r.category, r.policy_version]), [["OBJECTION", "ANALYTICS", null, POLICY_VERSION]]);
    assert.equal(status.objections!.length, 1);
    assert.deepEqual(status.objections![0].categories, ["ACCOUNT_ACTIVITY", "IP_ADDRESS"]);
    assert.equal(status.objections![0].recordedByRole, "customer");
    const entries = await auditEntries(id);
    assert.deepEqual(entries.map((e) => e.action), ["OBJECTION_RECORDED", "OBJECTION_RECORDED"]);
    assert.deepEqual(entries[0].categories, ["ACCOUNT_ACTIVITY", "IP_ADDRESS"]);
  });

  test("a restriction is stored once; lifting ends the row without deleting it; a new one starts a new row", async () => {
    const id = await newSubject();
    await service.restrictProcessing(customer, id, RestrictionReason.ACCURACY_CONTESTED);
    const again = await service.restrictProcessing(officer, id, RestrictionReason.LEGAL_CLAIMS);
    assert.equal(again.restriction?.reason, "ACCURACY_CONTESTED", "a repeat does not replace the one in force");
    const lifted = await service.liftRestriction(officer, id);
    assert.equal(lifted.restriction, null);
    const [row, ...more] = await directives(id);
    assert.equal(more.length, 0);
    assert.equal(row.kind, "RESTRICTION");
    assert.ok(row.ended_at instanceof Date && row.ended_at >= row.recorded_at);
    assert.equal(row.ended_by_role, "privacy_officer");

    const before = await counts();
    await assert.rejects(service.liftRestriction(officer, id), { extensions: { code: "NOT_FOUND" } });
    assert.deepEqual(await counts(), before, "a failed lift writes nothing, not even an audit entry");

    await service.restrictProcessing(customer, id);
    const history = await repo.history(id);
    assert.deepEqual(history.map((h) => [h.kind, h.reason, h.endedAt === null]), [
      ["RESTRICTION", "ACCURACY_CONTESTED", false],
      ["RESTRICTION", null, true],
    ]);
    assert.deepEqual((await auditEntries(id)).map((e) => e.action),
      ["RESTRICTION_RECORDED", "RESTRICTION_RECORDED", "RESTRICTION_LIFTED", "RESTRICTION_RECORDED"]);
  });

  test("invalid requests are refused with a clear code and store nothing", async () => {
    const id = await newSubject();
    const before = await counts();
    const refusals: [() => Promise<unknown>, string, RegExp][] = [
      [() => service.withdrawConsent(customer, id, SERVICE_BILLING, NAME), "BAD_USER_INPUT", /SERVICE_BILLING × NAME rests on CONTRACT, not on consent/],
      [() => service.withdrawConsent(customer, id, ORDERS), "BAD_USER_INPUT", /No processing for purpose ORDERS rests on consent/],
      [() => service.withdrawConsent(customer, id, null, NAME), "BAD_USER_INPUT", /category NAME/],
      [() => service.objectToProcessing(customer, id, ORDERS), "BAD_USER_INPUT", /art\. 21 does not apply/],
      [() => service.objectToProcessing(customer, id, LEGAL_TAX), "BAD_USER_INPUT", /art\. 21 does not apply/],
      [() => service.restrictProcessing(customer, randomUUID()), "NOT_FOUND", /No such subject/],
      [() => service.objectToProcessing(officer, randomUUID(), ANALYTICS), "NOT_FOUND", /No such subject/],
      [() => service.withdrawConsent(officer, "not-a-uuid"), "BAD_USER_INPUT", /not a subject id/],
    ];
    for (const [attempt, code, message] of refusals) {
      await assert.rejects(attempt(), (err: any) => err.extensions?.code === code && message.test(err.message));
    }
    assert.deepEqual(await counts(), before);
  });

  test("a failing audit append rolls back the directive (same transaction) and answers AUDIT_UNAVAILABLE", async () => {
    const id = await newSubject();
    const before = await counts();
    const failing: AuditRecorder = {
      async record(entries, db) {
        assert.ok(db, "the audit entry is appended through the transaction");
        await audit.record(entries, db);
        throw new Error("audit store refused the entry");
      },
    };
    await assert.rejects(serviceWith(failing).objectToProcessing(customer, id, CONTACT), (err: any) => err.extensions?.code === "AUDIT_UNAVAILABLE");
    assert.deepEqual(await counts(), before, "neither the directive nor the audit entry survives");
    assert.equal((await directives(id)).length, 0);
  });

  test("concurrent identical requests leave one active row", async () => {
    const id = await newSubject();
    await Promise.all([1, 2, 3].map(() => service.objectToProcessing(customer, id, ANALYTICS)));
    assert.equal((await directives(id)).length, 1);
  });

  test("loadActive: the sets and a stable key per subject, in input order, in one statement", async () => {
    const [a, b, c, d] = [await newSubject(), await newSubject(), await newSubject(), await newSubject()];
    for (const s of [a, c]) {
      await service.objectToProcessing(customer, s, CONTACT);
      await service.objectToProcessing(customer, s, ANALYTICS);
      await service.withdrawConsent(customer, s, CONTACT, GENDER);
      await service.restrictProcessing(customer, s);
    }
    // Same state reached in another order: the key must not depend on it.
    await service.objectToProcessing(officer, b, ANALYTICS);
    await service.objectToProcessing(officer, b, CONTACT);
    await service.withdrawConsent(officer, b, CONTACT, GENDER);
    await service.restrictProcessing(officer, d);
    await service.liftRestriction(officer, d);
    const unknown = randomUUID();

    const statements = sqlStats.total;
    const states = await service.loadActive([c, unknown, b, a.toUpperCase(), d]);
    assert.equal(sqlStats.total - statements, 1);

    const [sc, su, sb, sa, sd] = states;
    assert.equal(sc.restricted, true);
    assert.deepEqual([...sc.objections].sort(), ["ANALYTICS", "CONTACT"]);
    assert.deepEqual([...sc.withdrawnConsents], ["CONTACT:GENDER"]);
    assert.equal(sc.key, "R;O=ANALYTICS,CONTACT;C=CONTACT:GENDER");
    assert.equal(sa.key, sc.key, "equal states give equal keys (and ids are matched case-insensitively)");
    assert.equal(sb.restricted, false);
    assert.equal(sb.key, "O=ANALYTICS,CONTACT;C=CONTACT:GENDER");
    for (const empty of [su, sd]) {
      assert.deepEqual([empty.restricted, empty.objections.size, empty.withdrawnConsents.size, empty.key], [false, 0, 0, ""]);
    }
    assert.deepEqual(await service.loadActive([]), []);
  });

  test("statusFor lists every consent cell of the policy for a subject without any directive", async () => {
    const id = await newSubject();
    const status = await service.statusFor(id);
    assert.deepEqual(status.consents!.map((c) => `${c.purpose}:${c.category}:${c.status}`),
      ["SERVICE_BILLING:GENDER:GIVEN", "CONTACT:GENDER:GIVEN"]);
    assert.deepEqual([status.objections, status.restriction, status.subjectId], [[], null, id]);
  });

  test("the mutations through GraphQL: actor, role, purpose and request id come from the context", async () => {
    @Resolver()
    class Probe {
      @Query(() => Boolean) ok() {
        return true;
      }
    }
    const resolver = new ChoicesResolver(service);
    const schema = await buildSchema({
      resolvers: [ChoicesResolver, Probe],
      container: { get: (cls) => (cls === ChoicesResolver ? resolver : new Probe()) },
      validate: false,
    });
    assert.deepEqual(new SchemaClassification(schema).unclassified(), [], "every output field is classified");

    const id = await newSubject();
    const requestId = randomUUID();
    const contextValue = { requestId, principal: { actor: "po-7", role: "privacy_officer", subjectId: null }, purpose: DATA_SUBJECT_RIGHTS };
    const run = async (source: string): Promise<any> =>
      JSON.parse(JSON.stringify(await graphql({ schema, source, variableValues: { id }, contextValue })));
    const res = await run(`mutation($id: ID!) { objectToProcessing(subjectId: $id, purpose: CONTACT) {
      subjectId currentPolicyVersion objections { purpose categories policyVersion recordedByRole } restriction { since }
      consents { purpose category status } } }`);
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data.objectToProcessing.objections, [
      { purpose: "CONTACT", categories: ["NAME", "PHONE", "EMAIL", "OTHER"], policyVersion: POLICY_VERSION, recordedByRole: "privacy_officer" },
    ]);
    assert.equal(res.data.objectToProcessing.consents.length, 2);
    const refused = await run(`mutation($id: ID!) { liftRestriction(subjectId: $id) { subjectId } }`);
    assert.equal(refused.errors[0].extensions.code, "NOT_FOUND");
    const [entry] = await auditEntries(id);
    assert.deepEqual([entry.actor, entry.role, entry.purpose, entry.requestId], ["po-7", "privacy_officer", "DATA_SUBJECT_RIGHTS", requestId]);
  });
});
