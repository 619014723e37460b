import { LEAD_SECONDS, runRound, type RoundResult } from "./load";
import type { RequestSpec } from "./scenarios";
import type { GatewayReport, RetentionGateway } from "./retention-gateway";

/**
 * Scenario A during a retention run (SPEC §6/§9: a long run must not hold locks that stall reads). On one
 * gateway over a fresh copy of T's data: a warm-up round, then A alone for `seconds`, then A again for `seconds`
 * while a real run goes on — started together with the round, so that the round's measured window (after its
 * lead) lies inside the run when the run lasts longer than lead + window. Any failed read fails the bench, as in
 * the other scenarios. The drop is 1 − during/alone of A's throughput.
 */
export interface ReadSide {
  reqPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  cpuMsPerReq: number;
  machineBusy: number;
}

export interface ReadDuringRun {
  seconds: number;
  connections: number;
  alone: ReadSide;
  during: ReadSide;
  /** (1 − during ÷ alone) × 100 of A's req/s. */
  dropPct: number;
  /** The run's own duration under the read load, and whether it covered A's whole measured window. */
  runSeconds: number;
  windowInsideRun: boolean;
  runRows: number;
}

const side = (r: RoundResult): ReadSide => ({
  reqPerSec: r.reqPerSec,
  latencyP50Ms: r.latencyMs.p50,
  latencyP99Ms: r.latencyMs.p99,
  cpuMsPerReq: r.cpuMsPerReq.total,
  machineBusy: r.machineBusy,
});

export async function readDuringRun(
  gw: RetentionGateway,
  requests: RequestSpec[],
  o: { seconds: number; warmupSeconds: number; connections: number; dbName: string },
  log: (m: string) => void,
): Promise<{ read: ReadDuringRun; report: GatewayReport }> {
  const common = { connections: o.connections, dbName: o.dbName };
  if (o.warmupSeconds > 0) {
    const w = await runRound(gw.target, requests, { ...common, seconds: o.warmupSeconds, round: 0 });
    log(`retention: A warm-up ${w.reqPerSec.toFixed(1)} req/s (not counted)`);
  }
  const alone = await runRound(gw.target, requests, { ...common, seconds: o.seconds, round: 1 });
  log(`retention: A alone ${alone.reqPerSec.toFixed(1)} req/s, p99 ${alone.latencyMs.p99} ms`);

  const t0 = performance.now();
  let runMs = 0;
  const run = gw.run(false).then((r) => ((runMs = performance.now() - t0), r));
  run.catch(() => undefined); // awaited below; a failure must not go unhandled while the round runs
  const during = await runRound(gw.target, requests, { ...common, seconds: o.seconds, round: 2 });
  const report = await run;
  const windowInsideRun = runMs >= (LEAD_SECONDS + o.seconds) * 1000;
  log(
    `retention: A during a run ${during.reqPerSec.toFixed(1)} req/s, p99 ${during.latencyMs.p99} ms; the run took ` +
      `${(runMs / 1000).toFixed(1)} s${windowInsideRun ? "" : " — it ended before A's window did: the drop is understated"}`,
  );
  return {
    read: {
      seconds: o.seconds,
      connections: o.connections,
      alone: side(alone),
      during: side(during),
      dropPct: (1 - during.reqPerSec / alone.reqPerSec) * 100,
      runSeconds: runMs / 1000,
      windowInsideRun,
      runRows: report.parts.reduce((a, p) => a + p.deleted, 0),
    },
    report,
  };
}
