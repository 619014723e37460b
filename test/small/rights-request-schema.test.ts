import "reflect-metadata";
import { test } from "node:test";
import assert from "node:assert/strict";
import { graphql, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { SchemaClassification } from "../../src/access/schema-classification";
import { RightsRequestResolver } from "../../src/rights/requests/rights-request.resolver";
import type { RightsRequestService } from "../../src/rights/requests/rights-request.service";

/** The GraphQL face of rights requests, with the service replaced by a recorder of calls. */
async function schemaWith(service: Partial<RightsRequestService>) {
  const resolver = new RightsRequestResolver(service as RightsRequestService);
  return buildSchema({ resolvers: [RightsRequestResolver], container: { get: () => resolver }, validate: false });
}

const context = { requestId: "r-1", principal: { actor: "po-7", role: "privacy_officer", subjectId: null }, purpose: "DATA_SUBJECT_RIGHTS" };

test("every PrivacyRequest field is classified; the root fields are the documented ones", async () => {
  const schema = await schemaWith({});
  assert.deepEqual(new SchemaClassification(schema).unclassified(), []);
  assert.deepEqual(Object.keys(schema.getQueryType()!.getFields()).sort(), ["privacyRequest", "privacyRequests"]);
  assert.deepEqual(Object.keys(schema.getMutationType()!.getFields()).sort(), [
    "completePrivacyRequest", "rejectPrivacyRequest", "startPrivacyRequest", "submitPrivacyRequest", "verifyPrivacyRequest",
  ]);
  const sdl = printSchema(schema);
  assert.match(sdl, /enum PrivacyRequestType \{\s+ACCESS\s+RECTIFY\s+ERASE\s+OBJECT\s+WITHDRAW_CONSENT\s+RESTRICT\s+PORTABILITY\s+GIVE_CONSENT\s+WITHDRAW_OBJECTION\s+\}/);
  assert.doesNotMatch(sdl, /image|scan/i, "no way to send or read an ID image");
});

test("arguments reach the service as given, with the caller from the context", async () => {
  const calls: unknown[][] = [];
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return null;
  };
  const schema = await schemaWith({ verify: record("verify") as never, complete: record("complete") as never, list: record("list") as never });
  const run = (source: string) => graphql({ schema, source, contextValue: context });
  const res = await run(`mutation { verifyPrivacyRequest(id: "x", method: ID_DOCUMENT,
    attestations: { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: true }) { id } }`);
  assert.equal(res.errors, undefined);
  await run(`mutation { completePrivacyRequest(id: "x", outcome: FULFILLED, outcomeText: "sent") { id } }`);
  await run(`{ privacyRequests(overdue: true, first: 5) { edges { cursor } } }`);
  const actor = { actor: "po-7", role: "privacy_officer", purpose: "DATA_SUBJECT_RIGHTS", requestId: "r-1" };
  assert.deepEqual(JSON.parse(JSON.stringify(calls)), [
    ["verify", actor, "x", "ID_DOCUMENT", { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: true }],
    ["complete", actor, "x", { code: "FULFILLED", text: "sent" }],
    ["list", { overdue: true }, 5, null, { all: true }],
  ]);
});
