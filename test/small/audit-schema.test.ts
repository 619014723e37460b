import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSchema } from "type-graphql";
import { isObjectType, printType } from "graphql";
import { AuditResolver } from "../../src/audit/audit.resolver";
import { CLASSIFICATION } from "../../src/policy/field-classification";

test("the audit API builds, and every field of its types is classified", async () => {
  const schema = await buildSchema({ resolvers: [AuditResolver], validate: false });
  const query = schema.getQueryType();
  assert.ok(query?.getFields().auditTrail && query.getFields().auditIntegrity);
  assert.match(printType(schema.getType("AuditAction")!), /SUBJECT_READ/);
  const types = ["AuditEvent", "AuditDenial", "AuditEventEdge", "AuditEventConnection", "AuditIntegrity"];
  for (const name of types) {
    const type = schema.getType(name);
    assert.ok(isObjectType(type), name);
    for (const field of Object.values(type.getFields())) {
      assert.ok(field.extensions?.[CLASSIFICATION], `${name}.${field.name} is not classified`);
    }
  }
});
