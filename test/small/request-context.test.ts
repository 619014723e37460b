import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildGatewaySchema } from "../../src/server/schema";
import { SchemaClassification } from "../../src/access/schema-classification";
import { ViewRegistry } from "../../src/access/purpose-view";
import { Pseudonymizer } from "../../src/access/pseudonym";
import { RequestContextBuilder } from "../../src/access/request-context.builder";
import { NO_CHOICES } from "../../src/access/subject-choices";
import type { AuditEntryInput } from "../../src/audit/audit-entry";
import { systemClock } from "../../src/common/clock";
import { Purpose } from "../../src/policy/purposes";

/** The builder alone: a real schema's views, an audit recorder that keeps what it is given. */
async function builder() {
  const views = new ViewRegistry(new SchemaClassification(await buildGatewaySchema()), new Pseudonymizer("k".repeat(32), systemClock));
  const recorded: AuditEntryInput[] = [];
  const audit = { record: async (entries: readonly AuditEntryInput[]) => void recorded.push(...entries) };
  let made = 0;
  const contexts = new RequestContextBuilder(views, async (ids) => ids.map(() => NO_CHOICES), audit, () => ({ extra: ++made }));
  return { contexts, recorded };
}

/** A refusal with this code (its extensions also carry the HTTP status). */
const coded = (code: string) => (err: { extensions?: { code?: unknown } }) => err.extensions?.code === code;

const support = { actor: "s-1", role: "support" as const, subjectId: null };

test("a granted purpose: the context carries it, an enforcer for it, and a fresh extension per request", async () => {
  const { contexts, recorded } = await builder();
  const a = await contexts.build(support, "req-1", "CONTACT");
  const b = await contexts.build(support, "req-2", " CONTACT ");
  assert.deepEqual([a.requestId, a.purpose, a.principal, a.extra], ["req-1", Purpose.CONTACT, support, 1]);
  assert.equal(a.enforcer.purpose, Purpose.CONTACT);
  assert.equal(b.extra, 2, "the extension is made per request");
  assert.notEqual(a.enforcer, b.enforcer);
  assert.deepEqual(recorded, [], "nothing refused, nothing recorded here (reads are audited after execution)");
});

test("a customer's purpose is implied by the role", async () => {
  const { contexts } = await builder();
  const ctx = await contexts.build({ actor: "login-1", role: "customer", subjectId: "0b9f3c1e-8a7d-4f57-9a43-2f8c3c3a9e11" }, "r", undefined);
  assert.equal(ctx.purpose, Purpose.DATA_SUBJECT_RIGHTS);
});

test("a refused purpose is audited as DENIED with the code, and the attempted purpose only when the policy knows it", async () => {
  const { contexts, recorded } = await builder();
  await assert.rejects(contexts.build(support, "req-3", "LEGAL_TAX"), coded("PURPOSE_NOT_GRANTED"));
  await assert.rejects(contexts.build(support, "req-4", "0612345678"), coded("BAD_USER_INPUT"));
  await assert.rejects(contexts.build(support, "req-5", undefined), coded("PURPOSE_REQUIRED"));
  assert.deepEqual(recorded.map((e) => [e.action, e.requestId, e.actor, e.role, e.purpose, e.subjectId, e.detail]), [
    ["DENIED", "req-3", "s-1", "support", "LEGAL_TAX", null, { codes: ["PURPOSE_NOT_GRANTED"] }],
    ["DENIED", "req-4", "s-1", "support", null, null, { codes: ["BAD_USER_INPUT"] }],
    ["DENIED", "req-5", "s-1", "support", null, null, { codes: ["PURPOSE_REQUIRED"] }],
  ]);
});
