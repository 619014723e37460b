import type { StoreName } from "../src/config/config";
import { isoDay, type expirySql } from "../src/db/expiry-sql";
import { LOGIN_EVENT_EXPIRY } from "../src/sources/auth/auth.adapter";
import { ACCESS_LOG_EXPIRY } from "../src/sources/weblog/weblog.adapter";
import { INVOICE_EXPIRY, PAYMENT_EXPIRY } from "../src/sources/billing/billing.adapter";
import { ENDED_CONTRACTS_SQL } from "../src/sources/crm/crm.adapter";
import { FISCAL_HOLD_EXPIRY } from "../src/holds/legal-hold.repository";
import { CLOSED_REQUEST_EXPIRY } from "../src/rights/requests/rights-request.repository";
import { ENDED_DIRECTIVE_EXPIRY } from "../src/rights/choices/choices.repository";
import { CLOSED_DEMAND_EXPIRY } from "../src/disclosure/legal-demand.repository";
import { firstKeptAnchor, ruleById } from "../src/policy/retention";
import { postgresCpuMs } from "./proc-cpu";
import { counters, pools, q } from "./raw-db";
import { rawPlan, rawSteps } from "./raw-erase";

/**
 * Scenario T's baseline: the retention run without the gateway, as a plain node + pg process on its own copy of
 * the data (run by retention-bench.ts; one JSON line on stdout). The same statements (the owners' exported
 * expirySql), parameters and batch size; the same sequences, run at once: login events; web-log lines;
 * payments → invoices → ended fiscal holds; the privacy records. Each table repeats its bounded DELETE until a
 * batch comes back short, with the ids its hold kinds keep as one array (the gateway's question to the hold
 * register, asked once per table). With RAW_RETENTION_CONTRACT_END=1, after them, the contract-end rule: every
 * customer whose contract ended before the rule's cut-off (the crm adapter's keyset statement) is retired with
 * the erase scenario's raw plan and statements (raw-erase.ts), in the gateway's order and 4 at once, fiscal
 * retention judged on the same day.
 * Not done (the gateway does it, so it counts in the ratio): counting each table's candidates before deleting,
 * the run's register row and its audit entry, GraphQL and HTTP; for contract-end, the erasure plan's evidence
 * counts and hold-register question, and the holds' transaction. Untimed first, as the gateway's dry run, every
 * table's count statement and every retired customer's plan (the same cache warmth), then a CHECKPOINT.
 * Env: DATABASE_URL, DB_POOL_SIZE (raw-db.ts), RETENTION_BATCH_SIZE, RETENTION_TODAY (the gateway's day, YYYY-MM-DD).
 */
interface RawTable {
  rule: string;
  store: StoreName;
  table: string;
  sql: ReturnType<typeof expirySql>;
  heldAs: string[];
  cutoff: "rule" | "today";
  /** The cut-off goes as a day (date columns), else as the moment. */
  day: boolean;
}

const t = (rule: string, store: StoreName, table: string, sql: RawTable["sql"], o: Partial<RawTable> = {}): RawTable =>
  ({ rule, store, table, sql, heldAs: [], cutoff: "rule", day: false, ...o });

const SEQUENCES: RawTable[][] = [
  [t("activity-rolling", "auth", "login_event", LOGIN_EVENT_EXPIRY, { heldAs: ["login_event"] })],
  [t("activity-rolling", "weblog", "access_log", ACCESS_LOG_EXPIRY, { heldAs: ["access_log"] })],
  [
    t("fiscal", "billing", "payment", PAYMENT_EXPIRY, { heldAs: ["payment"], day: true }),
    t("fiscal", "billing", "invoice", INVOICE_EXPIRY, { heldAs: ["invoice"], day: true }),
    t("fiscal", "privacy", "legal_hold", FISCAL_HOLD_EXPIRY, { cutoff: "today", day: true }),
  ],
  [
    t("privacy-records", "privacy", "rights_request", CLOSED_REQUEST_EXPIRY),
    t("privacy-records", "privacy", "subject_directive", ENDED_DIRECTIVE_EXPIRY),
    t("privacy-records", "privacy", "legal_demand", CLOSED_DEMAND_EXPIRY),
  ],
];

// The hold register's question (legal-hold.repository.ts HELD_OF_TYPE_SQL): records of one table held on the day.
const HELD_SQL = `SELECT DISTINCT record_id AS "recordId" FROM privacy.legal_hold
  WHERE source = $2 AND record_type = ANY($3::text[]) AND released_at IS NULL AND expires_at >= $1::date`;
/** As src/retention/contract-end.ts: customers retired at once. */
const AT_ONCE = 4;

const today = process.env.RETENTION_TODAY ?? "";
const batchSize = Number(process.env.RETENTION_BATCH_SIZE ?? 5000);

function cutoff(x: RawTable): Date | string {
  const before = new Date(`${x.cutoff === "today" ? today : firstKeptAnchor(ruleById(x.rule), today)}T00:00:00Z`);
  return x.day ? isoDay(before) : before;
}

async function heldIds(x: RawTable): Promise<string[]> {
  if (!x.heldAs.length) return [];
  return (await q<{ recordId: string }>("privacy", HELD_SQL, [today, x.store, x.heldAs])).map((r) => r.recordId);
}

async function part(x: RawTable) {
  const started = performance.now();
  const [param, held] = [cutoff(x), await heldIds(x)];
  let [deleted, batches] = [0, 0];
  for (let n = batchSize; n === batchSize; batches++) {
    [{ n }] = await q<{ n: number }>(x.store, x.sql.deleteBatch, [param, held, batchSize]);
    deleted += n;
  }
  return { rule: x.rule, store: x.store, table: x.table, deleted, batches, durationMs: Math.round(performance.now() - started) };
}

async function sequence(tables: RawTable[]) {
  const parts = [];
  for (const x of tables) parts.push(await part(x));
  return parts;
}

/** Each expired customer's ids, keyset-paged as the gateway pages them (its own statement, batches of batchSize). */
async function* endedContracts(): AsyncGenerator<string[]> {
  const before = firstKeptAnchor(ruleById("crm-after-contract"), today);
  for (let after: string | null = null, n = batchSize; n === batchSize;) {
    const ids: string[] = (await q<{ id: string }>("crm", ENDED_CONTRACTS_SQL, [before, after, batchSize])).map((r) => r.id);
    [n, after] = [ids.length, ids.at(-1) ?? after];
    yield ids;
  }
}

const STORE_OF: Record<string, string> = {
  customer: "crm", account: "auth", login_event: "auth", access_log: "weblog", payment_method: "billing", invoice: "billing", payment: "billing",
};

/**
 * The contract-end rule as the gateway runs it (src/retention/contract-end.ts): AT_ONCE customers at a time, each
 * retired like an erasure in the retirement's order — holds, then weblog and billing at once, then auth, crm last.
 */
async function contractEnd() {
  const started = performance.now();
  const erased: Record<string, number> = {};
  let [customers, pages] = [0, 0];
  const retire = async (id: string) => {
    const p = await rawPlan(id, today);
    await rawSteps.holds(p);
    const done = await Promise.all([rawSteps.weblog(p), rawSteps.billing(p)]);
    done.push(await rawSteps.auth(p));
    for (const counts of [...done, await rawSteps.crm(p)]) {
      for (const [table, n] of Object.entries(counts)) erased[`${STORE_OF[table]}.${table}`] = (erased[`${STORE_OF[table]}.${table}`] ?? 0) + n;
    }
  };
  for await (const ids of endedContracts()) {
    pages++;
    customers += ids.length;
    for (let i = 0; i < ids.length; i += AT_ONCE) await Promise.all(ids.slice(i, i + AT_ONCE).map(retire));
  }
  return { customers, pages, erased, durationMs: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error("RETENTION_TODAY must be a day (YYYY-MM-DD)");
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("RETENTION_BATCH_SIZE must be a positive integer");
  for (const x of SEQUENCES.flat()) await q(x.store, x.sql.count, [cutoff(x), await heldIds(x)]);
  const retiring = process.env.RAW_RETENTION_CONTRACT_END === "1";
  if (retiring) for await (const ids of endedContracts()) for (const id of ids) await rawPlan(id, today);
  await q("privacy", "CHECKPOINT", []).catch(() => undefined);

  const [statements0, cpu0, db0] = [counters.statements, process.cpuUsage(), postgresCpuMs(process.env.RAW_DB_NAME ?? "")];
  const t0 = performance.now();
  const parts = (await Promise.all(SEQUENCES.map(sequence))).flat();
  const retired = retiring ? await contractEnd() : null;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result = {
    today,
    batchSize,
    ms,
    statements: counters.statements - statements0,
    cpuMs: { server: (cpu.user + cpu.system) / 1000, db: postgresCpuMs(process.env.RAW_DB_NAME ?? "").allMs - db0.allMs },
    parts,
    contractEnd: retired,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`raw retention: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => void Promise.all(Object.values(pools).map((p) => p.end())));
