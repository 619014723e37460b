import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/**
 * Analysts (ANALYTICS, IMPROVEMENT) see ids only as keyed pseudonyms and get cursors that carry no real id
 * (issue 16): they can page and count, but not find a person or join their results to other data.
 */
describe(`analysts see pseudonyms, never real ids (${engineName()})`, () => {
  let gw: TestGateway;
  let subjects: SubjectFixture[];
  const code = (res: any) => res.body.errors?.[0]?.extensions?.code;
  const PSEUDONYM = /^ps_[0-9a-f]{32}$/;
  const LIST = `query($after: String) { subjects(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

  before(async () => {
    gw = await TestGateway.start();
    subjects = [];
    for (let i = 0; i < 3; i++) subjects.push(await createSubject(gw.dbs.stores, { accessLogs: 5 }));
  });
  after(() => gw.close());

  const listAll = async (role: "analyst" | "support", purpose: string) => {
    const auth = await gw.as(role, purpose);
    const ids: string[] = [];
    const cursors: string[] = [];
    let afterCursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await gw.graphql<any>(LIST, { ...auth, variables: { after: afterCursor } });
      assert.equal(res.body.errors, undefined);
      const conn = res.body.data.subjects;
      ids.push(...conn.edges.map((e: any) => e.node.id));
      cursors.push(...conn.edges.map((e: any) => e.cursor));
      if (!conn.pageInfo.hasNextPage) break;
      afterCursor = conn.pageInfo.endCursor;
    }
    return { ids, cursors };
  };

  test("subjects(): every id a pseudonym, pages follow on through sealed cursors, the same pseudonyms twice", async () => {
    const real = await listAll("support", "CONTACT");
    assert.deepEqual(real.ids.slice().sort(), subjects.map((s) => s.id).sort());
    const first = await listAll("analyst", "ANALYTICS");
    assert.equal(first.ids.length, real.ids.length, "every subject, once");
    assert.equal(new Set(first.ids).size, first.ids.length);
    assert.ok(first.ids.every((id) => PSEUDONYM.test(id)));
    const again = await listAll("analyst", "ANALYTICS");
    assert.deepEqual(again.ids, first.ids, "stable within the purpose and period");
    assert.notDeepEqual(again.cursors, first.cursors, "cursors differ each time: no join key either");
    const improvement = await listAll("analyst", "IMPROVEMENT");
    assert.equal(improvement.ids.filter((id) => first.ids.includes(id)).length, 0, "another purpose, other pseudonyms");
    const seen = JSON.stringify([first, improvement]) + [...first.cursors, ...improvement.cursors].map((c) => Buffer.from(c, "base64url").toString("latin1")).join();
    for (const s of subjects) assert.ok(!seen.includes(s.id), "no real id, not even inside a cursor");
  });

  test("no lookup by id, neither a pseudonym nor a real id; a cursor works only for the purpose that got it", async () => {
    const analyst = await gw.as("analyst", "ANALYTICS");
    const { ids, cursors } = await listAll("analyst", "ANALYTICS");
    for (const id of [ids[0], subjects[0].id]) {
      const byId = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { id loginEvents { occurredAt } } }`, { ...analyst, variables: { id } });
      assert.equal(code(byId), "FORBIDDEN");
      assert.equal(byId.body.data?.subject ?? null, null);
    }

    const plain = (await listAll("support", "CONTACT")).cursors[0];
    const tampered = cursors[0].slice(0, -2) + (cursors[0].endsWith("AA") ? "BA" : "AA");
    for (const [auth, cursor, what] of [
      [analyst, plain, "a plain cursor holding a real id"],
      [analyst, tampered, "a tampered cursor"],
      [await gw.as("analyst", "IMPROVEMENT"), cursors[0], "another purpose's cursor"],
      [await gw.as("support", "CONTACT"), cursors[0], "an analyst's cursor elsewhere"],
    ] as const) {
      assert.equal(code(await gw.graphql(LIST, { ...auth, variables: { after: cursor } })), "BAD_USER_INPUT", what);
    }
  });

  test("ipLog pages for analysts: pseudonymous line ids, sealed cursors, route templates", async () => {
    // The first subject of the list (ordered by subject id), for the officer and the analyst alike.
    const LOG = `query($after: String) { subjects(first: 1) { edges { node { ipLog(first: 3, after: $after) { edges { cursor node { id path } } pageInfo { hasNextPage endCursor } } } } } }`;
    const read = async (auth: object, after: string | null) => {
      const body = (await gw.graphql<any>(LOG, { ...auth, variables: { after } })).body;
      return { errors: body.errors, data: { subject: body.data.subjects.edges[0].node } };
    };
    const officer = await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS");
    const full = await read(officer, null);
    const fullNext = await read(officer, full.data.subject.ipLog.pageInfo.endCursor);
    const realLines = [...full.data.subject.ipLog.edges, ...fullNext.data.subject.ipLog.edges].map((e: any) => e.node.id);
    assert.equal(realLines.length, 5);

    const analyst = await gw.as("analyst", "ANALYTICS");
    const one = await read(analyst, null);
    assert.equal(one.errors, undefined);
    assert.equal(one.data.subject.ipLog.pageInfo.hasNextPage, true);
    const two = await read(analyst, one.data.subject.ipLog.pageInfo.endCursor);
    assert.equal(two.errors, undefined);
    const nodes = [...one.data.subject.ipLog.edges, ...two.data.subject.ipLog.edges].map((e: any) => e.node);
    assert.equal(nodes.length, 5, "the second page follows on from the first");
    assert.equal(new Set(nodes.map((n: any) => n.id)).size, 5);
    assert.ok(nodes.every((n: any) => PSEUDONYM.test(n.id) && n.path === "/facturen/:id"));
    const text = JSON.stringify([one, two]) + [...one.data.subject.ipLog.edges, ...two.data.subject.ipLog.edges]
      .map((e: any) => Buffer.from(e.cursor, "base64url").toString("latin1")).join();
    for (const id of realLines) assert.ok(!text.includes(id), "no real line id, not even inside a cursor");
  });
});
