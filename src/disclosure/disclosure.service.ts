import { createHash } from "node:crypto";
import type { Actor } from "../access/actor";
import { AuditAction, type AuditRecorder } from "../audit/audit-entry";
import { canonicalJson } from "../audit/canonical-json";
import { systemClock, type Clock } from "../common/clock";
import { appError, ErrorCode } from "../errors/error-code";
import { LEGAL_BASES } from "../policy/legal-bases";
import type { DemandRecords, DemandViews } from "./demand-records";
import { assembleDisclosure, DISCLOSURE_FORMAT_VERSION, type DisclosureDocument } from "./disclosure-document";
import type { DisclosureRepository } from "./disclosure.repository";
import type { DisclosureVerification, ExecutedDisclosure } from "./disclosure";
import { LegalDemandStatus } from "./legal-demand";
import type { LegalDemandRepository } from "./legal-demand.repository";
import type { LegalDemandService } from "./legal-demand.service";

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Executing an approved legal demand (SPEC §7): exactly its categories of its subject within its range, through
 * the demand's view, as a versioned JSON document. What is kept is a manifest — fields, record ids per source
 * table, the SHA-256 of the RFC 8785 canonical payload, who and when — written with its audit entry in one
 * transaction before the payload is returned (fail closed). The payload itself is never stored or audited.
 */
export class DisclosureService {
  constructor(
    private readonly demands: LegalDemandService,
    private readonly demandRows: LegalDemandRepository,
    private readonly manifests: DisclosureRepository,
    private readonly records: DemandRecords,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock = systemClock,
  ) {}

  async execute(actor: Actor, id: string, views: DemandViews): Promise<ExecutedDisclosure> {
    const demand = await this.demands.get(id);
    if (!demand) throw appError(ErrorCode.NOT_FOUND, "No such legal demand");
    const rule = LEGAL_BASES[demand.basis];
    if (rule.preservationMaxDays !== undefined) throw appError(ErrorCode.BAD_USER_INPUT, "A preservation order (126ni) discloses nothing; its data is held");
    if (demand.status !== LegalDemandStatus.APPROVED && demand.status !== LegalDemandStatus.PARTIALLY_EXECUTED) {
      throw appError(ErrorCode.BAD_USER_INPUT, `The demand is ${demand.status}; only an APPROVED or PARTIALLY_EXECUTED demand can be executed`);
    }
    if (demand.writtenCopyOverdue) {
      throw appError(ErrorCode.WRITTEN_COPY_OVERDUE, "The written copy of this oral demand is overdue; record it with recordWrittenCopy first");
    }
    const now = this.clock.now();
    const view = views.forDemand(demand.categories);
    const set = await this.records.read(view, { subjectId: demand.subjectId!, range: demand.range }, now);
    const { sources, contents } = assembleDisclosure(view, set);
    const document: DisclosureDocument = {
      formatVersion: DISCLOSURE_FORMAT_VERSION,
      demand: {
        id: demand.id, basis: demand.basis, caseReference: demand.caseReference, authority: demand.authority,
        categories: [...demand.categories].sort(), from: demand.range?.from.toISOString() ?? null, to: demand.range?.to.toISOString() ?? null,
      },
      executedAt: now.toISOString(),
      sources,
    };
    const canonical = canonicalJson(document);
    const payloadSha256 = sha256Hex(canonical);
    // 126ne: a window that has not ended yet is disclosed so far; a later execution discloses the rest.
    const windowOpen = rule.futureWindowMaxDays !== undefined && demand.range !== null && demand.range.to > now;
    const status = windowOpen ? LegalDemandStatus.PARTIALLY_EXECUTED : LegalDemandStatus.EXECUTED;
    return this.demandRows.transaction(async (manager) => {
      const updated = await this.demandRows.executed(manager, demand.id, status);
      if (!updated) throw appError(ErrorCode.BAD_USER_INPUT, "The demand changed meanwhile; it can no longer be executed");
      const manifest = await this.manifests.insert(manager, {
        demandId: demand.id, executedBy: actor.actor, executedAt: now, formatVersion: document.formatVersion,
        fields: contents.fields, recordIds: contents.recordIds, payloadSha256, windowOpen,
      });
      const counts = Object.fromEntries(Object.entries(contents.recordIds).flatMap(([source, tables]) =>
        Object.entries(tables).map(([table, ids]) => [`records.${source}.${table}`, ids.length])));
      await this.audit.record([{
        action: AuditAction.LEGAL_DEMAND_EXECUTED, actor: actor.actor, role: actor.role, purpose: actor.purpose,
        subjectId: updated.subjectId, requestId: actor.requestId, categories: updated.categories,
        detail: { demandId: updated.id, disclosureId: manifest.id, basis: updated.basis, outcome: status, payloadSha256, fields: contents.fields.length, ...counts },
      }], manager);
      return { manifest, demand: { ...updated, writtenCopyOverdue: false }, document, canonical };
    });
  }

  /** Whether `payloadSha256` is the hash of a payload disclosed on the demand (NOT_FOUND for an unknown demand). */
  async verify(id: string, payloadSha256: string): Promise<DisclosureVerification> {
    const demand = await this.demands.get(id);
    if (!demand) throw appError(ErrorCode.NOT_FOUND, "No such legal demand");
    const match = (await this.manifests.ofDemand(demand.id)).find((m) => m.payloadSha256 === payloadSha256.toLowerCase());
    return { matches: match !== undefined, disclosureId: match?.id ?? null, executedAt: match?.executedAt ?? null };
  }

  /** The manifests of a demand's executions, oldest first. */
  async manifestsOf(id: string) {
    const demand = await this.demands.get(id);
    return demand ? this.manifests.ofDemand(demand.id) : [];
  }
}
