import http from "node:http";
import { CUSTOMER_BY_IDS_SQL, CUSTOMER_PAGE_SQL, type CustomerRecord } from "../src/sources/crm/crm.adapter";
import {
  INVOICE_SQL,
  PAYMENT_METHOD_SQL,
  PAYMENT_SQL,
  type InvoiceRecord,
  type PaymentMethodRecord,
  type PaymentRecord,
} from "../src/sources/billing/billing.adapter";
import { ACCOUNT_SQL, LOGIN_EVENT_SQL, type AccountRecord, type LoginEventRecord } from "../src/sources/auth/auth.adapter";
import { ACCESS_LOG_SQL, type AccessLogRecord } from "../src/sources/weblog/weblog.adapter";
import { AuditAction } from "../src/audit/audit-entry";
import { DATA_CATEGORIES } from "../src/policy/categories";
import { appendAudit, caller, config, counters, pools, q } from "./raw-db";
import { rawErase } from "./raw-erase";
import { rawReport } from "./raw-report";
import { connectionJson, subjectJson } from "./raw-shape";
import { IP_LOG_FIRST, LOGIN_EVENTS_FIRST } from "./scenarios";

/**
 * The lower bound the gateway is measured against: node:http + pg, no framework, no GraphQL, no auth. It runs
 * the gateway's exact statements (the adapters' exported SQL) with the same parameters, in the same dependency
 * order: customers → [invoices, payments, payment methods, account] → [login events, access log] by account.
 * Like the gateway it has one pool per source (each DB_POOL_SIZE), so neither side is starved of connections.
 * It also writes the audit trail the gateway writes for a staff read: one entry per subject returned, encoded
 * the same way and appended with the same statement and the same group commit (src/audit) — the audit is
 * SQL work the product must do, not framework overhead, so the baseline does it too.
 * Routes: POST /subject {id}, /subjects {first}, /report {id} (raw-report.ts), /erase {id} (raw-erase.ts);
 * GET /healthz, /metrics. Env: see raw-db.ts.
 */

/** The gateway's SUBJECT_READ entries for these subjects (every category returned, nothing refused). */
function audit(subjectIds: readonly string[]): Promise<void> {
  return appendAudit(
    subjectIds.map((subjectId) => ({ action: AuditAction.SUBJECT_READ, ...caller, subjectId, categories: [...DATA_CATEGORIES].sort(), denied: [] })),
  );
}

function groupBy<R>(keys: readonly string[], rows: R[], keyOf: (r: R) => string): Map<string, R[]> {
  const map = new Map<string, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return map;
}

/** Every source's records for these customers: 6 statements whatever their number (4 if none has an account). */
async function profiles(customers: CustomerRecord[]) {
  const numbers = customers.map((c) => c.customerNumber);
  const auth = q<AccountRecord>("auth", ACCOUNT_SQL, [numbers]).then(async (accounts) => {
    const byCustomer = new Map(accounts.map((a) => [a.customerNumber, a]));
    const ids = numbers.flatMap((n) => byCustomer.get(n)?.id ?? []);
    // Like the gateway: no account anywhere, no login-event or access-log statement.
    if (ids.length === 0) return { byCustomer, logins: new Map<string, LoginEventRecord[]>(), logs: new Map<string, AccessLogRecord[]>() };
    const [logins, logs] = await Promise.all([
      q<LoginEventRecord>("auth", LOGIN_EVENT_SQL, [ids, LOGIN_EVENTS_FIRST]),
      // The gateway's window: no from/to/after, one row more than the page to know whether there is a next one.
      q<AccessLogRecord>("weblog", ACCESS_LOG_SQL, [ids, null, null, null, null, IP_LOG_FIRST + 1]),
    ]);
    return { byCustomer, logins: groupBy(ids, logins, (r) => r.accountId), logs: groupBy(ids, logs, (r) => r.accountId) };
  });
  const byCustomer = <R extends { customerNumber: string }>(sql: string) =>
    q<R>("billing", sql, [numbers]).then((rows) => groupBy(numbers, rows, (r) => r.customerNumber));
  const [invoices, payments, methods, a] = await Promise.all([
    byCustomer<InvoiceRecord>(INVOICE_SQL),
    byCustomer<PaymentRecord>(PAYMENT_SQL),
    byCustomer<PaymentMethodRecord>(PAYMENT_METHOD_SQL),
    auth,
  ]);
  return customers.map((c) => {
    const account = a.byCustomer.get(c.customerNumber) ?? null;
    return subjectJson(c, {
      account,
      logins: (account && a.logins.get(account.id)) ?? [],
      log: (account && a.logs.get(account.id)) ?? [],
      invoices: invoices.get(c.customerNumber) ?? [],
      payments: payments.get(c.customerNumber) ?? [],
      methods: methods.get(c.customerNumber) ?? [],
    });
  });
}

async function subject(id: string) {
  const [customer] = await q<CustomerRecord>("crm", CUSTOMER_BY_IDS_SQL, [[id]]);
  const data = { subject: customer ? (await profiles([customer]))[0] : null };
  await audit(customer ? [customer.id] : []);
  return data;
}

async function subjects(first: number) {
  const rows = await q<CustomerRecord>("crm", CUSTOMER_PAGE_SQL, [null, first + 1]);
  const page = rows.slice(0, first);
  const data = { subjects: connectionJson(rows, first, await profiles(page)) };
  await audit(page.map((c) => c.id));
  return data;
}

function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
      } catch (err) {
        reject(err);
      }
    });
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: string, type = "application/json") {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const ROUTES: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
  "POST /subject": (b) => subject(String(b.id)),
  "POST /subjects": (b) => subjects(Number(b.first)),
  "POST /report": (b) => rawReport(String(b.id)),
  "POST /erase": (b) => rawErase(String(b.id)),
};

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const route = `${req.method} ${req.url}`;
  if (route === "GET /healthz") {
    // Not counted as statements: only called before timing.
    await Promise.all(Object.values(pools).map((p) => p.query("SELECT 1")));
    return send(res, 200, '{"status":"ok"}');
  }
  if (route === "GET /metrics") {
    const lines = [
      `raw_sql_statements_total ${counters.statements}`,
      `raw_requests_total ${counters.requests}`,
      `raw_errors_total ${counters.errors}`,
    ];
    return send(res, 200, lines.join("\n") + "\n", "text/plain; version=0.0.4");
  }
  const work = ROUTES[route];
  if (work) {
    counters.requests++;
    return send(res, 200, JSON.stringify(await work(await readBody(req))));
  }
  send(res, 404, '{"errors":[{"message":"not found"}]}');
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    counters.errors++;
    process.stderr.write(`raw server: ${err instanceof Error ? err.message : String(err)}\n`);
    // "errors" in the body makes the benchmark count the response as failed, like a GraphQL error.
    if (!res.headersSent) send(res, 500, '{"errors":[{"message":"internal error"}]}');
  });
});

server.listen(config.port, config.host, () => {
  process.stdout.write(`raw server listening on http://${config.host}:${config.port}\n`);
});

/** Stop accepting, let in-flight requests finish (bounded), then close the pools. */
function shutdown() {
  const done = () => void Promise.all(Object.values(pools).map((p) => p.end())).finally(() => process.exit(0));
  server.close(done);
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    done();
  }, 3000).unref();
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
