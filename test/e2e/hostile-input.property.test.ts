import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { TestGateway } from "../support/test-gateway";
import { createSubject } from "../support/factories";
import { engineName } from "../support/test-databases";
import { hostileArbitraries, type HostileRequest } from "../support/hostile-arbitraries";
import { buildGatewaySchema } from "../../src/server/schema";
import { ROLE_GRANTS, ROLES } from "../../src/policy/roles";

/** Cases per run: a few thousand in CI; `HOSTILE_RUNS=50000` for a long hunt. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 2000);

const STACK = /\n\s+at |\bat [\w.$<>]+ \(|\.[cm]?[jt]s:\d+/;
const PATHS = /\/work\/|\bdist\/|node_modules|\bsrc\/|\/tmp\//;
const SQL = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|syntax error at or near|invalid byte sequence|violates|relation "|column "|duplicate key|\bpg_|pglite/i;

/**
 * Property: whatever a caller sends — any root field with hostile arguments as literals or variables, broken
 * documents, wrong JSON types, odd headers and bodies, with tokens of every role — the answer is below 500,
 * in GraphQL's errors[] shape when refused, every error has a code and none is INTERNAL_SERVER_ERROR, and no
 * error carries a stack, a file path, SQL or the value sent (every chosen value holds a marker). Afterwards
 * the gateway is healthy and the audit chain intact.
 */
describe(`hostile input, generated (${engineName()})`, () => {
  let gw: TestGateway;
  let officer: string;
  let request: fc.Arbitrary<HostileRequest>;
  const marker = `Qz${randomBytes(5).toString("hex")}`;

  before(async () => {
    gw = await TestGateway.start();
    const subjects = [await createSubject(gw.dbs.stores), await createSubject(gw.dbs.stores)];
    officer = await gw.token("privacy_officer");
    const submitted = await gw.graphql<any>(`mutation($s: ID!) { submitPrivacyRequest(input: { subjectId: $s, type: ACCESS }) { id } }`,
      { token: officer, purpose: "DATA_SUBJECT_RIGHTS", variables: { s: subjects[0].id } });
    const ids = [...subjects.map((s) => s.id), submitted.body.data.submitPrivacyRequest.id];
    const callers = (await Promise.all(ROLES.map(async (role) => {
      const authorization = `Bearer ${await gw.token(role, role === "customer" ? subjects[0].id : undefined)}`;
      return role === "customer" ? [{ authorization }] : ROLE_GRANTS[role].purposes.map((purpose) => ({ authorization, purpose }));
    }))).flat();
    ({ request } = hostileArbitraries({ schema: await buildGatewaySchema(), marker, ids, callers }));
  });
  after(() => gw.close());

  const send = async (r: HostileRequest) => {
    const res = await fetch(`${gw.url}/graphql${r.query ? `?${r.query}` : ""}`, { method: r.method, headers: r.headers, body: r.body });
    return { status: res.status, text: await res.text() };
  };

  test("no 5xx, no INTERNAL_SERVER_ERROR, nothing leaked, and the gateway stays healthy", async (t) => {
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { status, text } = await send(r);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        assert.ok(status < 500, `HTTP ${status}: ${text.slice(0, 300)}`);
        let body: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        if (status >= 400 && r.method !== "HEAD") {
          assert.ok(Array.isArray(body?.errors) && body.errors.length > 0, `HTTP ${status} without errors[]: ${text.slice(0, 300)}`);
        }
        for (const e of body?.errors ?? []) {
          codes.set(String(e.extensions?.code), (codes.get(String(e.extensions?.code)) ?? 0) + 1);
          assert.equal(typeof e.extensions?.code, "string", `an error without a code: ${JSON.stringify(e)}`);
          assert.notEqual(e.extensions?.code, "INTERNAL_SERVER_ERROR", JSON.stringify(e));
        }
        // Data may hold what an earlier case stored; errors (or a body that is not JSON) hold nothing sent.
        const errorText = body ? JSON.stringify(body.errors ?? []) : text;
        assert.ok(!errorText.includes(marker), `the value sent came back: ${errorText.slice(0, 300)}`);
        assert.doesNotMatch(errorText, STACK);
        assert.doesNotMatch(errorText, PATHS);
        assert.doesNotMatch(errorText, SQL);
      }),
      { numRuns: RUNS },
    );
    const counts = (m: Map<string | number, number>) => JSON.stringify(Object.fromEntries([...m].sort(([a], [b]) => String(a).localeCompare(String(b)))));
    t.diagnostic(`${RUNS} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${counts(statuses)}; error codes ${counts(codes)}`);

    assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
    const integrity = await gw.graphql<any>("{ auditIntegrity { ok } }", { token: officer, purpose: "DATA_SUBJECT_RIGHTS" });
    assert.deepEqual(integrity.body.data, { auditIntegrity: { ok: true } });
  });
});
