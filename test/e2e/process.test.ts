import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { TokenService } from "../../src/auth/token.service";
import { loadConfig } from "../../src/config/config";
import { engineName, openTestDatabases } from "../support/test-databases";
import { seedDemoData } from "../../src/seed/demo-data.seeder";

interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts `command` and waits until the gateway prints its banner, or the process ends (url is then ""). */
async function startGateway(command: string, args: string[], env: Record<string, string | undefined>): Promise<Running> {
  let output = "";
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  let url = "";
  const deadline = Date.now() + 90_000;
  while (!url && child.exitCode === null && Date.now() < deadline) {
    url = /listening on (http:\/\/[\d.:]+)\/graphql/.exec(output)?.[1] ?? "";
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output, url };
}

/** Runs a process to its end: exit code and everything it printed. */
async function runToEnd(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const run = await startGateway(process.execPath, ["dist/src/main.js"], env);
  if (run.child.exitCode === null) {
    run.child.kill("SIGKILL");
    assert.fail(`expected the gateway to refuse, but it started:\n${run.output()}`);
  }
  return { code: run.child.exitCode, output: run.output() };
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The embedded engine only, whatever DATABASE_URL the suite runs with. */
const EMBEDDED = {
  DATABASE_URL: "", CRM_DATABASE_URL: "", BILLING_DATABASE_URL: "", AUTH_DATABASE_URL: "", WEBLOG_DATABASE_URL: "",
  PRIVACY_DATABASE_URL: "", PGLITE_IN_MEMORY: "false", SEED_SUBJECTS: "10", LOG_LEVEL: "info",
};

/**
 * The real entry point as a service manager runs it (`npm start`): banner, demo data, a query, logs without
 * personal data or tokens, and a graceful stop when SIGTERM is sent to npm.
 */
describe(`the gateway process (${engineName()})`, () => {
  let run: Running;

  before(async () => {
    if (process.env.DATABASE_URL) {
      // On a server, npm start never seeds (it could be real data): prepare the demo data the way an operator would.
      const dbs = await openTestDatabases();
      await seedDemoData(dbs.stores, { seed: 42, subjects: 30 });
      await dbs.close();
    }
    // --ignore-scripts skips only the prestart build (dist/ is built already), not start itself
    run = await startGateway("npm", ["start", "--ignore-scripts"], {
      PORT: "0", PGLITE_IN_MEMORY: "true", SEED_SUBJECTS: "30", LOG_LEVEL: "info",
    });
    assert.ok(run.url, `gateway did not start:\n${run.output()}`);
  });
  after(() => { if (run.child.exitCode === null) run.child.kill("SIGKILL"); });

  test("prints how to get a token and serves a query with it", async () => {
    assert.match(run.output(), /TOKEN=\$\(npm run --silent token -- --role support\)/);
    assert.match(run.output(), /x-purpose: CONTACT/);
    const token = await new TokenService(loadConfig({}).jwt).sign({ sub: "support-1", role: "support" });
    const res = await fetch(`${run.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-purpose": "CONTACT" },
      body: JSON.stringify({ query: "{ subjects(first: 3) { edges { node { id firstName email } } } }" }),
    });
    const body: any = await res.json();
    assert.equal(body.errors, undefined);
    assert.equal(body.data.subjects.edges.length, 3);
    await new Promise((r) => setTimeout(r, 200)); // let the request log line flush

    // Logs: request lines exist, but carry no token, no e-mail address, no IP address, no query text
    const logs = run.output().split("\n").filter((l) => l.startsWith("{")).join("\n");
    assert.match(logs, /"msg":"request completed"/);
    assert.match(logs, /"purpose":"CONTACT"/, "log lines carry the effective purpose");
    assert.ok(!logs.includes(token), "token in logs");
    const emails = body.data.subjects.edges.map((e: any) => e.node.email as string);
    for (const email of emails) assert.ok(!logs.includes(email), "e-mail in logs");
    assert.doesNotMatch(logs, /remoteAddress|"ip"|authorization/i);
    assert.doesNotMatch(logs, /subjects\(first/);
  });

  test("the banner's example customer has data in every source", async () => {
    const subject = /--role customer --subject ([0-9a-f-]{36})\)/.exec(run.output())?.[1];
    assert.ok(subject, `no customer example in the banner:\n${run.output()}`);
    const token = await new TokenService(loadConfig({}).jwt).sign({ sub: `customer:${subject}`, role: "customer", subjectId: subject });
    const res = await fetch(`${run.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ subject(id: "${subject}") { firstName account { username } invoices { invoiceNumber }
          ipLog(first: 1) { edges { node { path } } } } }`,
      }),
    });
    const body: any = await res.json();
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const s = body.data.subject;
    assert.ok(s.firstName, "crm");
    assert.ok(s.account?.username, "auth account");
    assert.ok(s.invoices.length > 0, "billing invoices");
    assert.equal(s.ipLog.edges.length, 1, "web log");
  });

  test("SIGTERM sent to npm reaches the gateway, which drains and exits cleanly", async () => {
    const pid = Number(/"pid":(\d+)/.exec(run.output())?.[1]);
    assert.ok(pid > 0, "the gateway logs its pid");
    run.child.kill("SIGTERM");
    const [code] = await once(run.child, "exit");
    assert.equal(code, 0);
    assert.match(run.output(), /"signal":"SIGTERM","msg":"shutting down: draining requests"/);
    assert.match(run.output(), /"msg":"stopped"/);
    assert.equal(isRunning(pid), false, "the node process is gone, not left behind");
  });
});

describe("one embedded data folder, one gateway", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gw-process-"));
  let first: Running;

  before(async () => {
    first = await startGateway(process.execPath, ["dist/src/main.js"], { ...EMBEDDED, PORT: "0", PGLITE_DATA_DIR: dataDir });
    assert.ok(first.url, `gateway did not start:\n${first.output()}`);
  });
  after(async () => {
    if (first.child.exitCode === null) {
      first.child.kill("SIGTERM");
      await once(first.child, "exit");
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a second gateway on the same data folder refuses, naming the folder and the other process", async () => {
    const { code, output } = await runToEnd({ ...EMBEDDED, PORT: "0", PGLITE_DATA_DIR: dataDir });
    assert.notEqual(code, 0);
    assert.ok(output.includes(resolve(dataDir)), output);
    assert.ok(output.includes(`PID ${first.child.pid}`), output);
  });

  test("a second gateway on the same port refuses before it opens (or creates) its database", async () => {
    const otherDir = join(tmpdir(), `gw-process-other-${process.pid}`);
    const port = new URL(first.url).port;
    const { code, output } = await runToEnd({ ...EMBEDDED, PORT: port, PGLITE_DATA_DIR: otherDir });
    assert.notEqual(code, 0);
    assert.match(output, new RegExp(`Port ${port} .* already in use`));
    assert.equal(existsSync(otherDir), false, "the database folder was not even created");
  });

  test("the first gateway still serves after both refusals", async () => {
    const res = await fetch(`${first.url}/readyz`);
    assert.equal(res.status, 200);
  });
});

describe("a damaged embedded data folder", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gw-damaged-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("is reported with the folder and how to recover, and the exit code is not 0", async () => {
    const db = await PGlite.create({ dataDir });
    await db.close();
    writeFileSync(join(dataDir, "global", "pg_control"), "damaged"); // as after two processes wrote to it
    const { code, output } = await runToEnd({ ...EMBEDDED, PORT: "0", PGLITE_DATA_DIR: dataDir });
    assert.notEqual(code, 0);
    assert.ok(output.includes(`could not be opened`), output);
    assert.ok(output.includes(`mv ${resolve(dataDir)} ${resolve(dataDir)}.broken`), output);
    assert.equal(existsSync(join(dataDir, "gateway.lock")), false, "the lock is given back");
  });
});
