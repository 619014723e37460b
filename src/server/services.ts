import type { AppConfig } from "../config/config";
import type { Clock } from "../common/clock";
import type { Databases } from "../db/data-sources";
import { createSources, type Sources } from "../sources/sources";
import { LegalHoldRepository } from "../holds/legal-hold.repository";
import { AuditService } from "../audit/audit.service";
import { AuditRepository } from "../audit/audit.repository";
import { AuditResolver } from "../audit/audit.resolver";
import { JobQueue } from "../jobs/job-queue";
import { SubjectResolver } from "../subject/subject.resolver";
import { SubjectService } from "../subject/subject.service";
import { SubjectHoldsResolver } from "../subject/subject-holds.resolver";
import { ChoicesService } from "../rights/choices/choices.service";
import { ChoicesRepository } from "../rights/choices/choices.repository";
import { ChoicesResolver } from "../rights/choices/choices.resolver";
import { SubjectPrivacyResolver } from "../rights/choices/subject-privacy.resolver";
import { AccessReportService } from "../rights/access-report/access-report.service";
import { AccessReportResolver } from "../rights/access-report/access-report.resolver";
import { SubjectRetentionResolver } from "../rights/access-report/subject-retention.resolver";
import { SubjectProcessingResolver } from "../rights/access-report/subject-processing.resolver";
import { SubjectRetentionService } from "../rights/access-report/subject-retention.service";
import { RectificationService } from "../rights/rectification/rectification.service";
import { RectificationResolver } from "../rights/rectification/rectification.resolver";
import { RightsRequestService } from "../rights/requests/rights-request.service";
import { RequestWorkService } from "../rights/requests/request-work.service";
import { RightsRequestRepository } from "../rights/requests/rights-request.repository";
import { RightsRequestResolver } from "../rights/requests/rights-request.resolver";
import { ErasureService } from "../rights/erasure/erasure.service";
import { ErasureRunner } from "../rights/erasure/erasure-runner";
import { ContractEndRetirement } from "../rights/erasure/contract-end-retirement";
import { ErasureResolver } from "../rights/erasure/erasure.resolver";
import { ErasurePreviewService } from "../rights/erasure/erasure-preview";
import { DemandSubjects } from "../disclosure/demand-subject";
import { LegalDemandRepository } from "../disclosure/legal-demand.repository";
import { LegalDemandService } from "../disclosure/legal-demand.service";
import { LegalDemandResolver } from "../disclosure/legal-demand.resolver";
import { DemandRecords } from "../disclosure/demand-records";
import { DisclosureRepository } from "../disclosure/disclosure.repository";
import { DisclosureService } from "../disclosure/disclosure.service";
import { DisclosureResolver } from "../disclosure/disclosure.resolver";
import { RetentionResolver } from "../retention/retention.resolver";
import { RetentionService } from "../retention/retention.service";
import { expiringTables, privacyRecordTables } from "../retention/expiring-tables";
import { RetentionRunRepository } from "../retention/retention-run.repository";
import { scheduleRetention } from "../retention/retention.job";
import { LitigationHoldResolver } from "../retention/litigation-hold.resolver";
import { LitigationHoldService } from "../retention/litigation-hold.service";
import { LitigationHoldRepository } from "../holds/litigation-hold.repository";
import { recordsOfCategories } from "../disclosure/preservation";
import { StatementRepository } from "../statement/statement.repository";
import { StatementService } from "../statement/statement.service";
import { StatementResolver } from "../statement/statement.resolver";

/** What the HTTP side needs from the service graph. */
export interface GatewayServices {
  sources: Sources;
  audit: AuditService;
  choices: ChoicesService;
  /** The hold register (the request context's hold loader reads it). */
  holds: LegalHoldRepository;
  /** The published privacy statement (its routes serve the stored text). */
  statements: StatementService;
  /** The access report, for its download route as well as its resolver. */
  reports: AccessReportService;
  /** Every resolver instance by its class, for type-graphql's container. */
  resolvers: Map<unknown, unknown>;
  /** Stops the job queue (before the pools close). */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * The composition root: repositories → services → resolvers, each built once per gateway. Starts the
 * durable erasure runner (its jobs live in the privacy store). `logAuditError` is where an audit write that
 * failed after the fact is reported (the request itself has already answered).
 */
export async function createServices(
  config: AppConfig,
  dbs: Databases,
  clock: Clock,
  logAuditError: (err: unknown) => void,
): Promise<GatewayServices> {
  const privacy = dbs.stores.privacy;
  const sources = createSources(dbs.stores);
  const audit = new AuditService(new AuditRepository(privacy), config.audit.hashKey, clock);
  const subjectExists = async (id: string) => (await sources.crm.findByIds([id]))[0] !== null;
  const requestRows = new RightsRequestRepository(privacy);
  const choiceRows = new ChoicesRepository(privacy);
  const requests = new RightsRequestService(requestRows, audit, subjectExists, clock);
  // The machine side of requests: erasure's work, and the portal actions that register their own request.
  const work = new RequestWorkService(new RightsRequestRepository(privacy), audit, clock);
  const choices = new ChoicesService(choiceRows, audit, subjectExists, work);
  const holds = new LegalHoldRepository(privacy);
  const queue = await JobQueue.start(config, dbs, { schedule: config.retention.schedule !== null, cronCheckSeconds: config.jobs.cronCheckSeconds });
  const erasing = new ErasureService(sources, holds, clock);
  const erasure = new ErasureRunner(erasing, requests, work, privacy, queue, {
    jobDelaySeconds: config.jobs.erasureDelaySeconds,
    retryDelaySeconds: config.jobs.erasureRetryDelaySeconds,
    pollingIntervalSeconds: config.jobs.pollSeconds,
  });
  await erasure.start();
  const demandRows = new LegalDemandRepository(privacy);
  const demandRecords = new DemandRecords(sources, holds);
  const demands = new LegalDemandService(demandRows, new DemandSubjects(sources), demandRecords, holds, audit, clock);
  const retention = new RetentionService([...expiringTables(sources, holds), ...privacyRecordTables({
    requests: requestRows.closedRecords, directives: choiceRows.endedRecords, demands: demandRows.closedRecords })], holds,
    new RetentionRunRepository(privacy), audit, config.retention.batchSize, clock, new ContractEndRetirement(erasing, sources, holds));
  await scheduleRetention(queue, retention, { ...config.retention, pollingIntervalSeconds: config.jobs.pollSeconds });
  // The current policy version's statement is stored (once, whichever gateway is first) before anything is served.
  const statements = new StatementService(new StatementRepository(privacy), config.controller, clock);
  await statements.publish();
  const reports = new AccessReportService(sources, choices, requests, demands, { audit, portal: work, onFailure: logAuditError });
  const resolvers = new Map<unknown, unknown>([
    [SubjectResolver, new SubjectResolver(new SubjectService(sources, holds))],
    [SubjectPrivacyResolver, new SubjectPrivacyResolver()],
    [SubjectProcessingResolver, new SubjectProcessingResolver()],
    [SubjectHoldsResolver, new SubjectHoldsResolver()],
    [ChoicesResolver, new ChoicesResolver(choices)],
    [SubjectRetentionResolver, new SubjectRetentionResolver(new SubjectRetentionService(clock))],
    [AccessReportResolver, new AccessReportResolver(reports, clock)],
    [RectificationResolver, new RectificationResolver(new RectificationService(sources.crm, audit, work, logAuditError))],
    [RightsRequestResolver, new RightsRequestResolver(requests)],
    [ErasureResolver, new ErasureResolver(erasure, new ErasurePreviewService(erasing, audit, logAuditError))],
    [LegalDemandResolver, new LegalDemandResolver(demands)],
    [DisclosureResolver, new DisclosureResolver(new DisclosureService(demands, demandRows, new DisclosureRepository(privacy), demandRecords, audit, clock))],
    [AuditResolver, new AuditResolver(audit)],
    [LitigationHoldResolver, new LitigationHoldResolver(new LitigationHoldService(new LitigationHoldRepository(privacy), holds,
      (view, subjectId, at) => recordsOfCategories(demandRecords, view, { subjectId, range: null }, at), audit, clock))],
    [RetentionResolver, new RetentionResolver(retention)],
    [StatementResolver, new StatementResolver(statements)],
  ]);
  return { sources, audit, choices, holds, statements, reports, resolvers, stop: (timeoutMs) => queue.stop({ graceful: true, timeoutMs }) };
}
