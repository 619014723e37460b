import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { Databases } from "../../src/db/data-sources";
import { TokenService } from "../../src/auth/token.service";
import { loadConfig } from "../../src/config/config";
import { POLICY_VERSION } from "../../src/policy/policy-version";
import { engineName, openTestDatabases } from "../support/test-databases";
import { GatewayProcesses, type GatewayProcess } from "../support/gateway-process";

const ENV = { PORT: "0", SEED_ON_START: "false", LOG_LEVEL: "warn", DB_POOL_SIZE: "4" };
/** Each public URL of the statement, and the text `privacyStatements` hashes for it. */
const PAGES = [
  { path: "/privacy-statement?lang=nl", language: "nl", format: "html" },
  { path: "/privacy-statement?lang=en", language: "en", format: "html" },
  { path: "/privacy-statement.md?lang=nl", language: "nl", format: "markdown" },
  { path: "/privacy-statement.md?lang=en", language: "en", format: "markdown" },
] as const;
const LIST = `{ privacyStatements { version publishedAt languages texts { language format sha256 } } }`;
const ROUNDS = 3;
// The edition line every text carries (statement-document.ts), in either language.
const EDITION = /(?:Versie|Version) ([^\s,]+), (?:gepubliceerd op|published on) ([^.<\n]+)\./g;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** How the statement writes a day, in the controller's time zone: what a reader compares with. */
const day = (at: Date, language: "nl" | "en") =>
  new Intl.DateTimeFormat(language === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }).format(at);

interface Listed { version: string; publishedAt: string; languages: string[]; texts: { language: string; format: string; sha256: string }[] }

/**
 * The statement is published once per policy version, by whichever gateway starts first (statement.repository.ts:
 * "the earlier publication wins"). Here four real gateway processes start at the same moment on one PostgreSQL
 * privacy store that does not hold the current version yet, a few rounds over: each must start and serve the
 * same bytes, the store must keep one row, and restarted gateways must serve that row, not publish again.
 */
describe(`gateways started at once publish the privacy statement once (${engineName()})`, { skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)", timeout: 300_000 }, () => {
  let dbs: Databases;
  let token: string;
  const processes = new GatewayProcesses();

  const q = (sql: string, params: unknown[] = []) => dbs.stores.privacy.query(sql, params) as Promise<any[]>;
  /** Fails with what the process printed: a refused connection alone would not say why it went away. */
  const failWith = (i: GatewayProcess, what: string): never =>
    assert.fail(`${what}; the process (exit ${i.child.exitCode ?? i.child.signalCode}) printed:\n${i.output()}`);
  /**
   * `n` processes started together (not one after the other): the race is in their start-ups. The texts carry
   * only the publication's day, so each gateway's own rendering would be byte for byte the others'; each gets
   * its own controller address (as after a configuration change on a rolling deploy) so that serving its own
   * rendering instead of the stored one shows.
   */
  const startAll = async (n: number, tag: string) => {
    const emails = Array.from({ length: n }, (_, k) => `${tag}-${k + 1}@example.nl`);
    const started = await Promise.all(emails.map((email) => processes.start({ ...ENV, CONTROLLER_EMAIL: email })));
    for (const p of started) if (!p.url) failWith(p, "a gateway did not start");
    return { started, emails };
  };
  /** Each page's bytes from `i`, by path; any status but 200 fails. */
  const served = async (i: GatewayProcess) => {
    const out: Record<string, Buffer> = {};
    for (const { path } of PAGES) {
      const res = await fetch(`${i.url}${path}`, { signal: AbortSignal.timeout(30_000) }).catch((err: Error) => failWith(i, `GET ${path}: ${err.message}`));
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) failWith(i, `GET ${path}: ${res.status} ${bytes.toString("utf8").slice(0, 500)}`);
      out[path] = bytes;
    }
    return out;
  };
  const listed = async (i: GatewayProcess): Promise<Listed[]> => {
    const res = await fetch(`${i.url}/graphql`, { method: "POST", body: JSON.stringify({ query: LIST }), signal: AbortSignal.timeout(30_000),
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-purpose": "DATA_SUBJECT_RIGHTS" } })
      .catch((err: Error) => failWith(i, `privacyStatements: ${err.message}`));
    const body: any = await res.json();
    assert.deepEqual([res.status, body.errors], [200, undefined], JSON.stringify(body.errors));
    return body.data.privacyStatements;
  };
  const storedRows = () => q(`SELECT published_at AS "publishedAt" FROM privacy.privacy_statement WHERE version = $1`, [POLICY_VERSION]) as Promise<{ publishedAt: Date }[]>;

  /**
   * What a reader checks on every gateway: each URL the same bytes everywhere, showing the current version and
   * the day of the one stored publication; `privacyStatements` lists that version once, at that time, with the
   * hashes of exactly those bytes. Returns the bytes per path and which of `emails` (the gateways') they name.
   */
  const checkAll = async ({ started: instances, emails }: Awaited<ReturnType<typeof startAll>>, label: string) => {
    const rows = await storedRows();
    assert.equal(rows.length, 1, `${label}: the store holds one row for ${POLICY_VERSION}`);
    const publishedAt = rows[0].publishedAt;
    const pages = await Promise.all(instances.map(served));
    const lists = await Promise.all(instances.map(listed));
    for (const { path, language, format } of PAGES) {
      const hashes = pages.map((p) => sha256(p[path]));
      assert.deepEqual(hashes, hashes.map(() => hashes[0]), `${label}: ${path} serves the same bytes on every gateway`);
      const editions = [...pages[0][path].toString("utf8").matchAll(EDITION)].map((m) => [m[1], m[2]]);
      assert.deepEqual(editions, [[POLICY_VERSION, day(publishedAt, language)]], `${label}: ${path} names one version, published on the stored day`);
      const named = emails.filter((e) => pages[0][path].includes(e));
      assert.ok(named.length <= 1, `${label}: ${path} is one gateway's rendering (names ${named.join(", ")})`);
      for (const [n, versions] of lists.entries()) {
        const current = versions.filter((v) => v.version === POLICY_VERSION);
        assert.equal(current.length, 1, `${label}: gateway ${n} lists ${POLICY_VERSION} once`);
        assert.equal(current[0].publishedAt, publishedAt.toISOString(), `${label}: gateway ${n} lists the stored publication time`);
        const text = current[0].texts.filter((t) => t.language === language && t.format === format);
        assert.deepEqual(text.map((t) => t.sha256), [hashes[0]], `${label}: gateway ${n} lists the sha256 of ${path} as served`);
      }
    }
    return { publishedAt, pages: pages[0], named: emails.filter((e) => pages[0][PAGES[0].path].includes(e)) };
  };

  before(async () => {
    dbs = await openTestDatabases(); // fresh, migrated stores the processes then share
    token = await new TokenService(loadConfig({ ...process.env, ...ENV }).jwt).sign({ sub: "po-1", role: "privacy_officer" });
  });
  after(async () => {
    await processes.stopAll();
    await dbs?.close();
  });

  test(`four start at once, ${ROUNDS} rounds: one row, the same bytes everywhere; two restarted serve that publication`, async (t) => {
    for (let round = 1; round <= ROUNDS; round++) {
      // The version new to the store, as when a gateway with a new policy version is rolled out.
      await q(`DELETE FROM privacy.privacy_statement WHERE version = $1`, [POLICY_VERSION]);
      const from = Date.now();
      const first = await checkAll(await startAll(4, `round${round}`), `round ${round}`);
      assert.equal(first.named.length, 1, `round ${round}: the stored text is one of these gateways' renderings`);
      const startedIn = Date.now() - from;
      // Published in this round, by one of these start-ups (the wall clock is theirs too): not a leftover.
      assert.ok(first.publishedAt.getTime() >= from && first.publishedAt.getTime() <= Date.now(), `round ${round}: published during the start-ups`);
      await processes.stopAll();

      const again = await checkAll(await startAll(2, `restart${round}`), `round ${round}, restarted`);
      assert.equal(again.publishedAt.toISOString(), first.publishedAt.toISOString(), `round ${round}: the restart did not publish again`);
      for (const { path } of PAGES) assert.ok(again.pages[path].equals(first.pages[path]), `round ${round}: ${path} unchanged after the restart`);
      await processes.stopAll();
      t.diagnostic(`round ${round}: four started and checked in ${startedIn} ms; published at ${first.publishedAt.toISOString()}`);
    }
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM privacy.privacy_statement`);
    assert.equal(n, 1, "no other version was stored");
  });
});
