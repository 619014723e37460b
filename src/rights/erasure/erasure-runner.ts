import type { DataSource, EntityManager } from "typeorm";
import { appError, ErrorCode } from "../../errors/error-code";
import type { JobQueue } from "../../jobs/job-queue";
import { failureCode, inStore } from "../../db/store-error";
import type { Actor } from "../../access/actor";
import { actsInPortal } from "../portal-requests";
import { toldToSubject } from "./erasure-steps";
import { RequestOutcome, RightsRequestType, RequestStatus, TaskSource, TaskStatus } from "../requests/rights-request";
import type { RequestWorkService } from "../requests/request-work.service";
import type { RequestRef } from "../requests/request-audit";
import type { RightsRequestService } from "../requests/rights-request.service";
import type { NewTask } from "../requests/rights-request.sql";
import type { ErasurePlan } from "./erasure-plan";
import type { ErasureService } from "./erasure.service";
import { accountedResult, stepsEntry, type StepResult } from "./erasure-steps";

export const ERASURE_QUEUE = "erasure";

const NAME_THE_REQUEST = "Staff erase under a request: requestId must name a VERIFIED ERASE request of this subject";

/** The safety net of one request: works every source task not DONE yet. */
interface ErasureJob {
  plan: ErasurePlan;
  actor: Actor;
}

/** A source store's task; the hold register (the privacy task) is written when the request is opened. */
type SourceTask = Exclude<TaskSource, TaskSource.PRIVACY>;
const SOURCES: readonly SourceTask[] = [TaskSource.CRM, TaskSource.AUTH, TaskSource.WEBLOG, TaskSource.BILLING];
const isSourceTask = (source: TaskSource): source is SourceTask => (SOURCES as readonly TaskSource[]).includes(source);

/** An opened erasure request: its id, the portal request's state as left (to settle it in one statement), the holds' result. */
interface Opened {
  id: string;
  portal: RequestRef | null;
  held: StepResult | null;
}

type StepOutcome = { source: SourceTask; result: StepResult } | { source: SourceTask; errorCode: string };

export interface ErasureRun {
  requestId: string;
  status: RequestStatus;
  /** Per source: the step's result, or its task status when it did not finish in this call. */
  sources: { source: TaskSource; status: TaskStatus; result: StepResult | null; errorCode: string | null }[];
}

export interface ErasureRunnerOptions {
  /** Seconds before the durable job looks at a task (normally already done inline by then). */
  jobDelaySeconds: number;
  retryDelaySeconds: number;
  pollingIntervalSeconds: number;
}

/**
 * Erasure across separate databases, made durable (SPEC §5, issue: "never reports COMPLETED early, survives a
 * gateway restart"). Three moves:
 * 1. ONE privacy write, before anything is deleted: the request with one task per store, the legal holds (so
 *    a held record is never without its register entry; the privacy task is DONE with it), the evidence, and
 *    one pg-boss job as a safety net that starts only after `jobDelaySeconds` and works every source task
 *    not DONE by then. For a portal request it is a single statement; an officer's named request is checked
 *    first, in a transaction.
 * 2. The four source steps at once: they are separate databases and each step is one statement.
 * 3. ONE privacy write settling the results: tasks DONE (or FAILED with a code), each step's audit entry, the
 *    request COMPLETED when every task is DONE, and then the safety-net job removed. After a portal
 *    request's step 1 it is a single statement that requires the state step 1 left; otherwise (or if that
 *    state moved) a transaction that reads the request first.
 * Each round trip on this path is a wake-up of the database and of this process; the bench measured them as
 * most of the gap to a plain sequence of the deletes, hence the single statements.
 * A step that failed (a source is down) keeps the job, which pg-boss retries with backoff — also after a
 * restart — working only the tasks still not DONE, until the source returns; the request stays IN_PROGRESS
 * until then. If the gateway dies between 2 and 3 (or 3 fails), the job repeats the steps; they are idempotent,
 * and the repeat's evidence is what every attempt removed: results this process could not record are kept
 * in memory until recorded, and no table is recorded below the plan's count (`accountedResult`). One job per request rather than per source: each job row (with the
 * plan) is written and removed on every erasure, and the bench measured the four as a visible part of it.
 */
export class ErasureRunner {
  /**
   * Step results whose settling failed, per request and source, until a repeat records them (in memory: a
   * failure path only; after a restart the plan's counts stand in for them).
   */
  private readonly unrecorded = new Map<string, StepResult>();

  constructor(
    private readonly erasure: ErasureService,
    private readonly requests: RightsRequestService,
    private readonly work: RequestWorkService,
    private readonly privacy: DataSource,
    private readonly queue: JobQueue,
    private readonly options: ErasureRunnerOptions,
  ) {}

  async start(): Promise<void> {
    await this.queue.createQueue(ERASURE_QUEUE, { retryDelay: this.options.retryDelaySeconds });
    await this.queue.work<ErasureJob>(ERASURE_QUEUE, (job) => this.runJob(job.data), {
      pollingIntervalSeconds: this.options.pollingIntervalSeconds,
    });
  }

  /**
   * Erases the subject: for a portal request (the subject itself) or a verified ERASE request (the officer).
   * Staff never take the portal path: without `requestId` nothing is read or written. A subject whose crm
   * record is gone (erased already, or never known) opens no new request: NOT_FOUND. An officer's named
   * request of a subject erased meanwhile is still worked, so it completes with what is kept.
   */
  async erase(actor: Actor, subjectId: string, requestId: string | null): Promise<ErasureRun> {
    if (requestId === null && !actsInPortal(actor)) throw appError(ErrorCode.BAD_USER_INPUT, NAME_THE_REQUEST);
    const planned = await this.erasure.plan(subjectId);
    const gone = planned.crm.customerIds.length === 0;
    if (gone && (requestId === null || planned.customerNumber === null)) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    const tasks = [{ source: TaskSource.PRIVACY, status: TaskStatus.DONE }, ...SOURCES.map((source) => ({ source, status: TaskStatus.PENDING }))];
    const opened = requestId === null ? await this.openPortal(actor, planned, tasks) : await this.openNamed(actor, planned, requestId, tasks);
    const plan = { ...planned, requestId: opened.id };
    const outcomes = await Promise.all(SOURCES.map((source) => this.attempt(plan, source)));
    const status = await this.recording(plan, outcomes, async () =>
      (opened.portal && (await this.settleOpened(actor, opened.portal, plan, outcomes))) ?? (await this.settle(actor, plan, outcomes, true)));
    return {
      requestId: opened.id,
      status,
      sources: [
        // The held records are listed once, under billing where they stay; the privacy task only registered them.
        { source: TaskSource.PRIVACY, status: TaskStatus.DONE, result: opened.held && { ...opened.held, kept: [] }, errorCode: null },
        ...outcomes.map((o) => ("result" in o
          ? { source: o.source, status: TaskStatus.DONE, result: o.result, errorCode: null }
          : { source: o.source, status: TaskStatus.FAILED, result: null, errorCode: o.errorCode })),
      ],
    };
  }

  /** A new portal request with its holds, jobs and evidence: ONE statement (there is nothing to check or lock first). */
  private async openPortal(actor: Actor, planned: ErasurePlan, tasks: readonly NewTask[]): Promise<Opened> {
    let held: StepResult | null = null;
    const portal = await this.work.startPortal(actor, planned.subjectId, RightsRequestType.ERASE, tasks, async (id) => {
      const plan = { ...planned, requestId: id };
      const holds = this.erasure.steps.holdParts(plan, actor.role);
      held = holds.result;
      const jobs = await this.queue.sendManyPart<ErasureJob>(ERASURE_QUEUE, [this.jobOf(actor, plan)], { startAfterSeconds: this.options.jobDelaySeconds });
      return { parts: [...holds.parts, jobs], entries: [stepsEntry(actor, plan, [held])] };
    });
    return { id: portal.id, portal, held };
  }

  /** The officer's named request: start() checks under its lock that it is this subject's VERIFIED erasure request. */
  private async openNamed(actor: Actor, planned: ErasurePlan, requestId: string, tasks: readonly NewTask[]): Promise<Opened> {
    let held: StepResult | null = null;
    const target = { subjectId: planned.subjectId, type: RightsRequestType.ERASE, requestId };
    const id = await this.privacyTransaction((manager) =>
      this.work.start(actor, target, tasks, manager, async (id) => {
        const plan = { ...planned, requestId: id };
        held = await this.erasure.steps.recordHolds(plan, manager, actor.role);
        await this.queue.sendMany<ErasureJob>(ERASURE_QUEUE, [this.jobOf(actor, plan)], { transaction: manager, startAfterSeconds: this.options.jobDelaySeconds });
        return [stepsEntry(actor, plan, [held])];
      }),
    );
    return { id, portal: null, held };
  }

  /** The request's safety-net job, keyed by the request (so a repeat sends nothing). */
  private jobOf(actor: Actor, plan: ErasurePlan): { data: ErasureJob; singletonKey: string } {
    return { data: { plan, actor }, singletonKey: jobKey(plan.requestId!) };
  }

  /**
   * The durable path: the request's source tasks not DONE are marked RUNNING, attempted at once and settled;
   * the handler throws while any failed, so the queue retries with backoff.
   */
  private async runJob({ plan, actor }: ErasureJob): Promise<void> {
    const request = await this.requests.get(plan.requestId!);
    if (!request || request.status !== RequestStatus.IN_PROGRESS) return;
    const open = request.tasks.flatMap((t) => (isSourceTask(t.source) && t.status !== TaskStatus.DONE ? [{ ...t, source: t.source }] : []));
    if (open.length === 0) return;
    const starting = open.filter((t) => t.status !== TaskStatus.RUNNING).map((t) => ({ source: t.source, status: TaskStatus.RUNNING, errorCode: null }));
    if (starting.length) await this.work.settle(actor, request.id, starting);
    const attempted = await Promise.all(open.map((t) => this.attempt(plan, t.source)));
    // PENDING or RUNNING: an earlier attempt may have run without its result being recorded (FAILED ones deleted nothing).
    const mayHaveRun = new Set(open.filter((t) => t.status !== TaskStatus.FAILED).map((t) => t.source));
    const outcomes = attempted.map((o) => ("result" in o
      ? { source: o.source, result: accountedResult(plan, o.result, this.unrecorded.get(unrecordedKey(plan, o.source)) ?? null, mayHaveRun.has(o.source)) }
      : o));
    await this.recording(plan, outcomes, () => this.settle(actor, plan, outcomes, false));
    const failed = outcomes.flatMap((o) => ("errorCode" in o ? [`${o.source}: ${o.errorCode}`] : []));
    if (failed.length) throw appError(ErrorCode.SOURCE_UNAVAILABLE, `erasure steps failed: ${failed.join(", ")}`);
  }

  /** Runs `settle` for `outcomes`; if it fails, their results are kept for the repeat to record, else forgotten. */
  private async recording<T>(plan: ErasurePlan, outcomes: readonly StepOutcome[], settle: () => Promise<T>): Promise<T> {
    const results = outcomes.flatMap((o) => ("result" in o ? [o] : []));
    try {
      const settled = await settle();
      if (this.unrecorded.size > 0) for (const o of results) this.unrecorded.delete(unrecordedKey(plan, o.source));
      return settled;
    } catch (err) {
      for (const o of results) this.unrecorded.set(unrecordedKey(plan, o.source), o.result);
      throw err;
    }
  }

  private async attempt(plan: ErasurePlan, source: SourceTask): Promise<StepOutcome> {
    try {
      return { source, result: await this.step(plan, source) };
    } catch (err) {
      return { source, errorCode: failureCode(err) };
    }
  }

  private step(plan: ErasurePlan, source: SourceTask): Promise<StepResult> {
    const s = this.erasure.steps;
    switch (source) {
      case TaskSource.CRM: return s.eraseCrm(plan);
      case TaskSource.AUTH: return s.eraseAuth(plan);
      case TaskSource.WEBLOG: return s.eraseWeblog(plan);
      case TaskSource.BILLING: return s.eraseBilling(plan);
    }
  }

  /**
   * Tasks DONE or FAILED, the evidence of each step that ran, and — when every task is DONE — the request
   * COMPLETED (PARTIALLY_FULFILLED when records are kept under a hold); `discardJobs` removes the safety-net
   * job when every source task was done inline. One transaction.
   */
  private settle(actor: Actor, plan: ErasurePlan, outcomes: readonly StepOutcome[], discardJobs: boolean): Promise<RequestStatus> {
    const { changes, entries, outcomeWhenDone, doneJobs } = settlement(actor, plan, outcomes);
    return this.privacyTransaction(async (manager) => {
      const status = await this.work.settle(actor, plan.requestId!, changes, { outcomeWhenDone, entries, manager });
      if (discardJobs && doneJobs.length) await this.queue.discard(ERASURE_QUEUE, doneJobs, { transaction: manager });
      return status;
    });
  }

  /**
   * `settle` of the inline run of a portal request just opened (its source tasks PENDING), as ONE statement
   * that requires that state; null (nothing written) if a job or an officer moved it meanwhile.
   */
  private settleOpened(actor: Actor, r: RequestRef, plan: ErasurePlan, outcomes: readonly StepOutcome[]): Promise<RequestStatus | null> {
    const { changes, entries, outcomeWhenDone, doneJobs } = settlement(actor, plan, outcomes);
    const parts = doneJobs.length ? [this.queue.discardPart(ERASURE_QUEUE, doneJobs)] : [];
    return this.work.settleKnown(actor, r, TaskStatus.PENDING, changes, { outcomeWhenDone, entries, parts });
  }

  /** A transaction on the privacy store; an unreachable store is SOURCE_UNAVAILABLE naming it. */
  private privacyTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inStore("privacy", () => this.privacy.transaction(work));
  }
}

const jobKey = (requestId: string) => `${requestId}:erasure`;
const unrecordedKey = (plan: ErasurePlan, source: TaskSource) => `${plan.requestId}:${source}`;

/** What settling the steps' outcomes writes: task changes, each executed step's evidence, the job when no longer needed. */
function settlement(actor: Actor, plan: ErasurePlan, outcomes: readonly StepOutcome[]) {
  const changes = outcomes.map((o) => ("result" in o
    ? { source: o.source, status: TaskStatus.DONE, errorCode: null }
    : { source: o.source, status: TaskStatus.FAILED, errorCode: o.errorCode }));
  const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []));
  const entries = results.length ? [stepsEntry(actor, plan, results)] : [];
  // The outcome the subject can read: a record kept only under a confidential hold does not make it partial.
  const code = plan.billing.holds.some(toldToSubject) ? RequestOutcome.PARTIALLY_FULFILLED : RequestOutcome.FULFILLED;
  // The inline run settles every source at once: all DONE means the safety net has nothing left to do.
  const doneJobs = changes.length === SOURCES.length && changes.every((c) => c.status === TaskStatus.DONE) ? [jobKey(plan.requestId!)] : [];
  return { changes, entries, outcomeWhenDone: { code }, doneJobs };
}
