import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { TestGateway } from "../support/test-gateway";
import { createSubject } from "../support/factories";
import { engineName } from "../support/test-databases";
import { SCHEDULED_ACTOR } from "../../src/retention/retention.job";

/**
 * The daily run through pg-boss's scheduler: RETENTION_SCHEDULE registers a cron in the job store, pg-boss sends the
 * job when it is due and a gateway works it — a real run, judged on the gateway's clock, recorded like an officer's.
 * The cron here is every minute so the test need not wait for 03:30; pg-boss's due check runs every second.
 */
describe(`the scheduled retention run (${engineName()})`, () => {
  const gateways: TestGateway[] = [];
  after(async () => { for (const gw of gateways.reverse()) await gw.close(); });

  test("RETENTION_SCHEDULE registers the cron in its time zone and the due job runs the retention", async () => {
    const gw = await TestGateway.start({ RETENTION_SCHEDULE: "* * * * *", RETENTION_TIMEZONE: "Europe/Amsterdam", JOB_CRON_CHECK_SECONDS: "1", JOB_POLL_SECONDS: "0.5" });
    gateways.push(gw);
    gw.clock.set("2026-12-05T02:30:00.000Z"); // every date below comes from this clock
    const anne = await createSubject(gw.dbs.stores, { loginEvents: 0, accessLogs: 0 });
    const old = new Date(gw.clock.now().getTime() - 200 * 86_400_000); // past the rolling 6 months
    await gw.dbs.stores.auth.query(`INSERT INTO auth.login_event (account_id, occurred_at, ip, success, user_agent) VALUES ($1, $2, '192.0.2.1', true, 'ua')`, [anne.accountId, old]);

    const schedules = await gw.dbs.stores.privacy.query(`SELECT name, cron, timezone FROM privacy_jobs.schedule`);
    assert.deepEqual(schedules, [{ name: "retention", cron: "* * * * *", timezone: "Europe/Amsterdam" }]);

    let runs: { actor: string; dry_run: boolean; today: string }[] = [];
    for (let waited = 0; runs.length === 0 && waited < 60_000; waited += 500) {
      await sleep(500);
      runs = await gw.dbs.stores.privacy.query(`SELECT actor, dry_run, to_char(today, 'YYYY-MM-DD') AS today FROM privacy.retention_run`);
    }
    assert.deepEqual(runs[0], { actor: SCHEDULED_ACTOR, dry_run: false, today: "2026-12-05" }, "a real run on the gateway's day");
    const [{ n }] = await gw.dbs.stores.auth.query(`SELECT count(*)::int AS n FROM auth.login_event WHERE account_id = $1`, [anne.accountId]);
    assert.equal(n, 0, "the scheduled run deleted the expired login event");
    const audit = await gw.dbs.stores.privacy.query(`SELECT count(*)::int AS n FROM privacy.audit_event WHERE action = 'RETENTION_RUN'`);
    assert.ok(audit[0].n >= 1, "and left its audit entry");
  });

  // A restart over the same job store: only the server engine keeps it between gateways (PGlite starts empty).
  test("a gateway started with RETENTION_SCHEDULE=off removes the schedule an earlier one registered", { skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)" }, async () => {
    const on = await TestGateway.start({ RETENTION_SCHEDULE: "30 3 * * *" });
    gateways.push(on);
    assert.equal((await on.dbs.stores.privacy.query(`SELECT name FROM privacy_jobs.schedule`)).length, 1, "registered");
    await on.close();
    gateways.pop();
    const off = await TestGateway.start({ RETENTION_SCHEDULE: "off" }, { fresh: false });
    gateways.push(off);
    assert.deepEqual(await off.dbs.stores.privacy.query(`SELECT name FROM privacy_jobs.schedule`), [], "off: no schedule is left behind");
  });

  test("a schedule or time zone that is not one is a configuration error", async () => {
    await assert.rejects(TestGateway.start({ RETENTION_SCHEDULE: "at half past three" }), /RETENTION_SCHEDULE/);
    await assert.rejects(TestGateway.start({ RETENTION_TIMEZONE: "Mars/Olympus" }), /RETENTION_TIMEZONE/);
  });
});
