import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { isInputObjectType } from "graphql";
import { buildSchema, Query, Resolver } from "type-graphql";
import { buildGatewaySchema } from "../../src/server/schema";
import { SchemaClassification } from "../../src/access/schema-classification";
import { RECTIFIABLE_FIELDS, RECTIFIABLE_FIELD_NAMES, categoriesOf } from "../../src/rights/rectification/rectification.fields";
import { RectificationResolver } from "../../src/rights/rectification/rectification.resolver";
import { CUSTOMER_WRITABLE_COLUMNS } from "../../src/sources/crm/crm.adapter";

test("each rectifiable field's category is the @PersonalData category it is read with", async () => {
  const classification = new SchemaClassification(await buildGatewaySchema());
  for (const [field, { readAs, category }] of Object.entries(RECTIFIABLE_FIELDS)) {
    const read = classification.fieldsOf(readAs).find((f) => f.name === field);
    assert.ok(read, `${readAs}.${field} exists`);
    assert.deepEqual(read.classification, { kind: "personal", category }, `${readAs}.${field}`);
  }
  assert.deepEqual(Object.keys(CUSTOMER_WRITABLE_COLUMNS).sort(), [...RECTIFIABLE_FIELD_NAMES].sort(), "one crm column per field");
  assert.deepEqual(categoriesOf(["notes", "email", "postalCode", "city", "firstName"]), ["NAME", "ADDRESS", "EMAIL", "OTHER"]);
});

test("the mutation's input has exactly the rectifiable fields (none of billing) and its result is classified", async () => {
  @Resolver()
  class Probe {
    @Query(() => Boolean) ok() {
      return true;
    }
  }
  const schema = await buildSchema({ resolvers: [RectificationResolver, Probe], validate: false });
  const input = schema.getType("RectifySubjectInput");
  assert.ok(isInputObjectType(input));
  assert.deepEqual(Object.keys(input.getFields()).sort(), [...RECTIFIABLE_FIELD_NAMES].sort());
  assert.ok(Object.values(input.getFields()).every((f) => !String(f.type).endsWith("!")), "every field is optional");
  const mutation = schema.getMutationType()?.getFields().rectifySubject;
  assert.deepEqual(mutation?.args.map((a) => `${a.name}: ${a.type}`), ["subjectId: ID!", "input: RectifySubjectInput!", "requestId: ID"]);
  assert.equal(String(mutation?.type), "RectificationResult!");
  const classification = new SchemaClassification(schema);
  assert.deepEqual(classification.unclassified(), []);
  assert.equal(classification.isAssembled("RectificationResult"), false, "the result carries no personal data");
});
