import type { DataSource } from "typeorm";
import { appError, ErrorCode } from "../../errors/error-code";
import type { JobQueue } from "../../jobs/job-queue";
import { SourceUnavailableError } from "../../sources/source-error";
import type { Actor } from "../actor";
import { RequestOutcome, RightsRequestType, RequestStatus, TaskSource, TaskStatus } from "../requests/rights-request";
import type { RightsRequestService } from "../requests/rights-request.service";
import type { ErasurePlan } from "./erasure-plan";
import type { ErasureService } from "./erasure.service";
import type { StepResult } from "./erasure-steps";

export const ERASURE_QUEUE = "erasure";

interface ErasureJob {
  plan: ErasurePlan;
  source: TaskSource;
  actor: Actor;
}

/** The order an erasure runs in: holds are registered before billing is touched. */
const ORDER: readonly TaskSource[] = [TaskSource.PRIVACY, TaskSource.CRM, TaskSource.AUTH, TaskSource.WEBLOG, TaskSource.BILLING];

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
 * gateway restart"). One request: its per-source tasks and one job per source are written in ONE transaction
 * on the privacy store, before anything is deleted. Then the steps run at once, in order, so the caller usually
 * gets the whole result. A step that fails (a source is down) leaves its task FAILED; its job, which pg-boss
 * keeps in the privacy store, retries with backoff — also after a restart — until the source returns. The
 * request is COMPLETED only when every task is DONE. Steps are idempotent, so a job that finds work already
 * done (or repeats it) changes nothing.
 */
export class ErasureRunner {
  constructor(
    private readonly erasure: ErasureService,
    private readonly requests: RightsRequestService,
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

  /** Erases the subject: for a portal request (the subject itself) or a verified ERASE request (the officer). */
  async erase(actor: Actor, subjectId: string, requestId: string | null): Promise<ErasureRun> {
    const plan0 = await this.erasure.plan(subjectId);
    if (plan0.crm.customerIds.length === 0 && plan0.customerNumber === null) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    // Checked before the transaction: on the embedded engine a read outside it would wait for its session.
    const verified = requestId ? await this.verifiedRequest(requestId, plan0.subjectId) : null;
    const id = await this.privacy.transaction(async (manager) => {
      const request = verified ?? (await this.requests.openPortalRequest(actor, plan0.subjectId, RightsRequestType.ERASE, manager));
      await this.requests.addTasks(actor, request.id, ORDER, manager);
      const plan = { ...plan0, requestId: request.id };
      for (const source of ORDER) {
        await this.queue.send<ErasureJob>(ERASURE_QUEUE, { plan, source, actor }, {
          singletonKey: `${request.id}:${source}`,
          transaction: manager,
          startAfterSeconds: this.options.jobDelaySeconds,
        });
      }
      return request.id;
    });
    const plan = { ...plan0, requestId: id };
    const sources: ErasureRun["sources"] = [];
    for (const source of ORDER) {
      try {
        sources.push({ source, status: TaskStatus.DONE, result: await this.runTask(plan, source, actor), errorCode: null });
      } catch (err) {
        sources.push({ source, status: TaskStatus.FAILED, result: null, errorCode: codeOf(err) });
      }
    }
    const request = await this.requests.get(id);
    return { requestId: id, status: request?.status ?? RequestStatus.IN_PROGRESS, sources };
  }

  /** The durable path: one source of one request, retried by the queue until it succeeds. */
  private async runJob({ plan, source, actor }: ErasureJob): Promise<void> {
    await this.runTask(plan, source, actor);
  }

  private async runTask(plan: ErasurePlan, source: TaskSource, actor: Actor): Promise<StepResult | null> {
    const requestId = plan.requestId!;
    const task = (await this.requests.get(requestId))?.tasks.find((t) => t.source === source);
    if (!task || task.status === TaskStatus.DONE) return null;
    if (task.status !== TaskStatus.RUNNING) await this.requests.setTaskStatus(actor, requestId, source, TaskStatus.RUNNING);
    let result: StepResult;
    try {
      result = await this.step(plan, source, actor);
    } catch (err) {
      await this.requests.setTaskStatus(actor, requestId, source, TaskStatus.FAILED, codeOf(err)).catch(() => undefined);
      throw err;
    }
    await this.requests.setTaskStatus(actor, requestId, source, TaskStatus.DONE);
    await this.completeIfDone(actor, plan);
    return result;
  }

  private step(plan: ErasurePlan, source: TaskSource, actor: Actor): Promise<StepResult> {
    const s = this.erasure.steps;
    switch (source) {
      case TaskSource.PRIVACY: return s.recordHolds(plan, actor);
      case TaskSource.CRM: return s.eraseCrm(plan, actor);
      case TaskSource.AUTH: return s.eraseAuth(plan, actor);
      case TaskSource.WEBLOG: return s.eraseWeblog(plan, actor);
      case TaskSource.BILLING: return s.eraseBilling(plan, actor);
    }
  }

  /** COMPLETED only when every task is DONE; PARTIALLY_FULFILLED when records are kept under a hold. */
  private async completeIfDone(actor: Actor, plan: ErasurePlan): Promise<void> {
    const request = await this.requests.get(plan.requestId!);
    if (!request || request.status !== RequestStatus.IN_PROGRESS || request.tasks.some((t) => t.status !== TaskStatus.DONE)) return;
    const code = plan.billing.holds.length > 0 ? RequestOutcome.PARTIALLY_FULFILLED : RequestOutcome.FULFILLED;
    // Two tasks finishing together may both get here; the second finds the request COMPLETED and stops.
    await this.requests.complete(actor, request.id, { code }).catch(async (err) => {
      if ((await this.requests.get(request.id))?.status !== RequestStatus.COMPLETED) throw err;
    });
  }

  private async verifiedRequest(requestId: string, subjectId: string) {
    const r = await this.requests.get(requestId);
    if (!r || r.subjectId !== subjectId || r.type !== RightsRequestType.ERASE || r.status !== RequestStatus.VERIFIED) {
      throw appError(ErrorCode.BAD_USER_INPUT, "requestId must name a VERIFIED erasure request of this subject");
    }
    return r;
  }
}

function codeOf(err: unknown): string {
  if (err instanceof SourceUnavailableError) return ErrorCode.SOURCE_UNAVAILABLE;
  const code = (err as { extensions?: { code?: unknown } })?.extensions?.code;
  return typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}
