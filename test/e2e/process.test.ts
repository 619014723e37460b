import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { TokenService } from "../../src/auth/token.service";
import { loadConfig } from "../../src/config/config";
import { engineName, openTestDatabases } from "../support/test-databases";
import { seedDemoData } from "../../src/seed/demo-data.seeder";

/**
 * The real entry point as `npm start` runs it: banner, demo data, a query, logs without personal data
 * or tokens, and a graceful stop on SIGTERM.
 */
describe(`the gateway process (${engineName()})`, () => {
  let child: ChildProcess;
  let output = "";
  let url = "";

  before(async () => {
    if (process.env.DATABASE_URL) {
      // On a server, npm start never seeds (it could be real data): prepare the demo data the way an operator would.
      const dbs = await openTestDatabases();
      await seedDemoData(dbs.sources, { seed: 42, subjects: 30 });
      await dbs.close();
    }
    child = spawn(process.execPath, ["dist/src/main.js"], {
      env: { ...process.env, PORT: "0", PGLITE_IN_MEMORY: "true", SEED_SUBJECTS: "30", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 60_000;
    while (!url && Date.now() < deadline) {
      url = /listening on (http:\/\/[\d.:]+)\/graphql/.exec(output)?.[1] ?? "";
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(url, `gateway did not start:\n${output}`);
  });
  after(() => { if (child.exitCode === null) child.kill("SIGKILL"); });

  test("prints how to get a token and serves a query with it", async () => {
    assert.match(output, /npm run token -- --role support/);
    assert.match(output, /x-purpose: CONTACT/);
    const token = await new TokenService(loadConfig({}).jwt).sign({ sub: "support-1", role: "support" });
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-purpose": "CONTACT" },
      body: JSON.stringify({ query: "{ subjects(first: 3) { edges { node { id firstName email } } } }" }),
    });
    const body: any = await res.json();
    assert.equal(body.errors, undefined);
    assert.equal(body.data.subjects.edges.length, 3);
    await new Promise((r) => setTimeout(r, 200)); // let the request log line flush

    // Logs: request lines exist, but carry no token, no e-mail address, no IP address, no query text
    const logs = output.split("\n").filter((l) => l.startsWith("{")).join("\n");
    assert.match(logs, /"msg":"request completed"/);
    assert.match(logs, /"purpose":"CONTACT"/, "log lines carry the effective purpose");
    assert.ok(!logs.includes(token), "token in logs");
    const emails = body.data.subjects.edges.map((e: any) => e.node.email as string);
    for (const email of emails) assert.ok(!logs.includes(email), "e-mail in logs");
    assert.doesNotMatch(logs, /remoteAddress|"ip"|authorization/i);
    assert.doesNotMatch(logs, /subjects\(first/);
  });

  test("SIGTERM drains and exits cleanly", async () => {
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
    assert.match(output, /"msg":"stopped"/);
  });
});
