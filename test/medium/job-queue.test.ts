import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Databases } from "../../src/db/data-sources";
import { STORE_REGISTRY } from "../../src/server/store-registry";
import { JOB_SCHEMA, JobQueue } from "../../src/jobs/job-queue";
import { engineName, testConfig } from "../support/test-databases";

/**
 * The erasure jobs' queue on both engines. PGlite runs on disk here (not in memory) so that a "restart"
 * can close the engine and reopen the same data directory, as the gateway does.
 */
describe(`durable job queue (${engineName()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gw-jobs-"));
  const config = testConfig({ PGLITE_IN_MEMORY: "false", PGLITE_DATA_DIR: dataDir });
  let dbs: Databases;
  let queue: JobQueue;

  const open = async () => {
    dbs = Databases.create(config, STORE_REGISTRY);
    await dbs.initialize();
    queue = await JobQueue.start(config, dbs);
  };
  const close = async () => {
    await queue.stop();
    await dbs.close();
  };

  before(async () => {
    if (config.databaseUrls.privacy) {
      const fresh = Databases.create(config, STORE_REGISTRY);
      await fresh.initialize();
      await fresh.stores.privacy.query(`DROP SCHEMA IF EXISTS ${JOB_SCHEMA} CASCADE`);
      await fresh.close();
    }
    await open();
  });
  after(async () => {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a job is processed once", async () => {
    await queue.createQueue("once");
    const seen: unknown[] = [];
    await queue.work<{ n: number }>("once", async (job) => void seen.push(job.data), { pollingIntervalSeconds: 0.5 });
    await queue.send("once", { n: 1 });
    await queue.waitIdle("once", 10_000);
    await sleep(1200); // two more polls: nothing runs again
    assert.deepEqual(seen, [{ n: 1 }]);
    assert.deepEqual(await queue.counts("once"), { completed: 1 });
  });

  test("a failing handler is retried with growing delays until it succeeds, and is never completed early", async () => {
    await queue.createQueue("flaky", { retryDelay: 1, retryBackoff: true, maxRetryDelaySeconds: 3 });
    const attempts: { at: number; retryCount: number }[] = [];
    const states: Record<string, number>[] = [];
    await queue.work("flaky", async (job) => {
      attempts.push({ at: Date.now(), retryCount: job.retryCount });
      if (attempts.length < 3) throw new Error("source unreachable");
    }, { pollingIntervalSeconds: 0.5 });
    await queue.send("flaky", { source: "crm" });
    while (attempts.length < 2) await sleep(50);
    await sleep(200);
    states.push(await queue.counts("flaky")); // between attempts: waiting to retry, not completed
    await queue.waitIdle("flaky", 15_000);
    assert.deepEqual(attempts.map((a) => a.retryCount), [0, 1, 2]);
    assert.deepEqual(states, [{ retry: 1 }]);
    const [gap1, gap2] = [attempts[1].at - attempts[0].at, attempts[2].at - attempts[1].at];
    // pg-boss waits retryDelay × 2^(n-1) × (1..2): 1–2 s, then 2–4 s capped at 3 s, plus up to one poll.
    assert.ok(gap1 >= 900 && gap1 <= 3500, `first retry after ${gap1} ms`);
    assert.ok(gap2 >= 1900 && gap2 <= 4500, `second retry after ${gap2} ms`);
    assert.deepEqual(await queue.counts("flaky"), { completed: 1 });
  });

  test("the wait between retries is capped", async () => {
    // Uncapped, pg-boss would wait 100–200 s before the first retry.
    await queue.createQueue("capped", { retryDelay: 100, retryBackoff: true, maxRetryDelaySeconds: 1 });
    const attempts: number[] = [];
    await queue.work("capped", async () => {
      attempts.push(Date.now());
      if (attempts.length < 2) throw new Error("source unreachable");
    }, { pollingIntervalSeconds: 0.5 });
    await queue.send("capped", {});
    await queue.waitIdle("capped", 8_000);
    assert.equal(attempts.length, 2);
    assert.ok(attempts[1] - attempts[0] >= 900, `retried after ${attempts[1] - attempts[0]} ms`);
  });

  test("a singletonKey makes sending idempotent", async () => {
    await queue.createQueue("keyed");
    const a = await queue.send("keyed", { n: 1 }, { singletonKey: "request-1:crm" });
    const b = await queue.send("keyed", { n: 2 }, { singletonKey: "request-1:crm" });
    const c = await queue.send("keyed", { n: 3 }, { singletonKey: "request-1:billing" });
    assert.equal(a, b);
    assert.notEqual(a, c);
    const seen: unknown[] = [];
    await queue.work("keyed", async (job) => void seen.push(job.data), { pollingIntervalSeconds: 0.5, batchSize: 5 });
    await queue.waitIdle("keyed", 10_000);
    assert.deepEqual(seen.sort((x: any, y: any) => x.n - y.n), [{ n: 1 }, { n: 3 }]);
    assert.equal(await queue.send("keyed", { n: 4 }, { singletonKey: "request-1:crm" }), a); // also once done
    assert.deepEqual(await queue.counts("keyed"), { completed: 2 });
  });

  test("a job sent inside a transaction exists only if the transaction commits", async () => {
    await queue.createQueue("tx");
    await assert.rejects(
      dbs.stores.privacy.transaction(async (m) => {
        await queue.send("tx", { n: "rolled back" }, { transaction: m });
        throw new Error("abort");
      }),
      /abort/,
    );
    assert.deepEqual(await queue.counts("tx"), {});
    await dbs.stores.privacy.transaction((m) => queue.send("tx", { n: "committed" }, { transaction: m }));
    assert.deepEqual(await queue.counts("tx"), { created: 1 });
  });

  test("a job queued before stop() runs after a new JobQueue starts on the same database", async () => {
    await queue.createQueue("durable");
    await queue.send("durable", { subject: "s-1" }, { singletonKey: "s-1" });
    await close(); // a gateway restart: engine closed, data directory kept
    await open();
    const seen: unknown[] = [];
    await queue.work("durable", async (job) => void seen.push(job.data), { pollingIntervalSeconds: 0.5 });
    await queue.waitIdle("durable", 10_000);
    assert.deepEqual(seen, [{ subject: "s-1" }]);
  });

  test("a job interrupted by a hard stop is retried after the restart", async () => {
    await queue.createQueue("interrupted", { retryDelay: 1 });
    let started!: () => void;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await queue.work("interrupted", async () => {
      started();
      await finished; // still running when the gateway stops
    }, { pollingIntervalSeconds: 0.5 });
    await queue.send("interrupted", { subject: "s-2" });
    await running;
    await queue.stop({ graceful: false });
    await dbs.close();
    finish(); // the old handler returns after the stop: its late complete() must change nothing
    await open();
    const retries: number[] = [];
    await queue.work("interrupted", async (job) => void retries.push(job.retryCount), { pollingIntervalSeconds: 0.5 });
    await queue.waitIdle("interrupted", 10_000);
    assert.deepEqual(retries, [1]);
  });
});
