import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildGatewaySchema } from "../../src/server/schema";
import { SchemaClassification } from "../../src/access/schema-classification";
import { buildRuleTree } from "../../src/access/permissions";
import { deny } from "../../src/access/permission-rules";
import { DATA_CATEGORIES } from "../../src/policy/categories";
import { PURPOSE_MATRIX } from "../../src/policy/matrix";
import { PURPOSES } from "../../src/policy/purposes";
import { ROLE_GRANTS, ROLES } from "../../src/policy/roles";

test("every object field in the schema is classified (a category, nested, a privacy record, or no personal data)", async () => {
  const classification = new SchemaClassification(await buildGatewaySchema());
  assert.deepEqual(classification.unclassified(), []);
});

test("a field without a classification is denied by the generated rule map", async () => {
  const schema = await buildGatewaySchema();
  const classification = new SchemaClassification(schema);
  // simulate a newly added, unclassified field on Subject
  const subject = classification.fieldsOf("Subject") as { name: string; classification: unknown; child: unknown }[];
  subject.push({ name: "newField", classification: undefined, child: undefined });
  const tree = buildRuleTree(schema, classification);
  assert.equal(tree.Subject.newField, deny);
});

test("root fields without a declared permission are denied", async () => {
  const schema = await buildGatewaySchema();
  const tree = buildRuleTree(schema, new SchemaClassification(schema));
  for (const [field, rule] of Object.entries(tree.Query)) assert.notEqual(rule, undefined, `Query.${field}`);
});

test("the policy tables are complete: every purpose has a row, every role only known purposes, masks named", () => {
  assert.deepEqual(Object.keys(PURPOSE_MATRIX).sort(), [...PURPOSES].sort());
  for (const [purpose, row] of Object.entries(PURPOSE_MATRIX)) {
    for (const [category, cell] of Object.entries(row)) {
      assert.ok(DATA_CATEGORIES.includes(category as never), `${purpose}.${category}`);
      assert.equal(cell.access === "MASK", cell.mask !== undefined, `${purpose}.${category}: a mask iff masked`);
    }
  }
  assert.deepEqual(Object.keys(ROLE_GRANTS).sort(), [...ROLES].sort());
  for (const grant of Object.values(ROLE_GRANTS)) for (const p of grant.purposes) assert.ok(PURPOSES.includes(p));
});
