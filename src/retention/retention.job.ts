import type { Actor } from "../access/actor";
import type { JobQueue } from "../jobs/job-queue";
import { Purpose } from "../policy/purposes";
import type { RetentionService } from "./retention.service";

export const RETENTION_QUEUE = "retention";

/** Who a scheduled run is in the audit trail and in `retentionRuns`: the gateway itself, on the privacy officer's policy. */
export const SCHEDULED_ACTOR = "system:retention-schedule";

/**
 * The daily run (SPEC §6) as a pg-boss job: one service method, `RetentionService.run`, not dry. pg-boss's cron sends
 * one job per due time whichever gateways run, and one of them works it; a run that fails as a whole (an error other
 * than a store being down, which the run reports itself) is retried a few times. `schedule` null removes the schedule.
 */
export async function scheduleRetention(queue: JobQueue, retention: Pick<RetentionService, "run">,
  options: { schedule: string | null; timeZone: string; pollingIntervalSeconds: number }): Promise<void> {
  if (!options.schedule) return queue.unschedule(RETENTION_QUEUE);
  await queue.createQueue(RETENTION_QUEUE, { retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600, retentionDays: 2 });
  await queue.work<object>(RETENTION_QUEUE, async (job) => {
    const actor: Actor = { actor: SCHEDULED_ACTOR, role: "privacy_officer", purpose: Purpose.DATA_SUBJECT_RIGHTS, requestId: job.id };
    await retention.run(actor, false);
  }, { pollingIntervalSeconds: options.pollingIntervalSeconds });
  await queue.schedule(RETENTION_QUEUE, options.schedule, options.timeZone);
}
