import type { Actor } from "../access/actor";
import { AuditAction, type AuditRecorder } from "../audit/audit-entry";
import { systemClock, type Clock } from "../common/clock";
import { StoreUnavailableError } from "../db/store-error";
import { appError, ErrorCode } from "../errors/error-code";
import type { HoldKind } from "../holds/legal-hold";
import type { LegalHoldRepository } from "../holds/legal-hold.repository";
import { POLICY_VERSION } from "../policy/policy-version";
import { firstKeptAnchor, ruleById, utcDate } from "../policy/retention";
import type { ExpiringTable } from "./expiring-tables";
import { runContractEnd, type Retirements } from "./contract-end";
import type { RetentionPart, RetentionReport } from "./retention-report";
import type { RetentionRun, RetentionRunRepository } from "./retention-run.repository";
import { assertPageSize, decodeCursor, encodeCursor } from "../common/cursor";
import { pageOf, type Page } from "../common/page";

export const MAX_RUN_PAGE_SIZE = 100;
const RUN_CURSOR = "retention-run";

/**
 * The retention engine (SPEC §6): deletes what the policy's rules no longer keep, set-based and in bounded
 * batches, never a record a hold in force covers. The day comes from the gateway's clock; each rule's cut-off is
 * the policy's own inverse of the date the access report states (`firstKeptAnchor`). A dry run counts with the
 * same statements' WHERE and changes nothing. Each table is independent: a store that does not answer fails its
 * part only (SOURCE_UNAVAILABLE), and the next run does it. One audit entry per run, counts only.
 */
export class RetentionService {
  constructor(
    private readonly sequences: readonly (readonly ExpiringTable[])[],
    private readonly holds: Pick<LegalHoldRepository, "heldOfType">,
    private readonly runs: RetentionRunRepository,
    private readonly audit: AuditRecorder,
    private readonly batchSize: number,
    private readonly clock: Clock = systemClock,
    private readonly retirements: Retirements | null = null,
  ) {}

  async run(actor: Actor, dryRun: boolean): Promise<RetentionReport> {
    const ranAt = this.clock.now();
    const today = utcDate(ranAt);
    const parts = (await Promise.all(this.sequences.map((seq) => this.sequence(seq, ranAt, today, dryRun)))).flat();
    // Last: the rows the other rules take are theirs (see runContractEnd).
    if (this.retirements) parts.push(...(await runContractEnd(this.retirements, actor, today, dryRun, this.batchSize)));
    const report = { dryRun, ranAt, today, parts };
    await this.runs.transaction(async (manager) => {
      await this.runs.insert(manager, report, actor.actor, actor.role);
      await this.audit.record([{
      action: AuditAction.RETENTION_RUN, actor: actor.actor, role: actor.role, purpose: actor.purpose, subjectId: null,
      requestId: actor.requestId, policyVersion: POLICY_VERSION,
      detail: { dryRun, today, parts: parts.map((p) => ({ rule: p.rule, store: p.store, table: p.table, candidates: p.candidates,
        deleted: p.deleted, held: p.keptByHold.reduce((n, k) => n + k.count, 0), batches: p.batches, errorCode: p.errorCode })) },
      }], manager);
    });
    return report;
  }

  /** Past runs, newest first. */
  async list(first: number, after: string | null | undefined): Promise<Page<RetentionRun>> {
    assertPageSize(first, MAX_RUN_PAGE_SIZE);
    const seq = after ? decodeCursor(RUN_CURSOR, after) : null;
    if (seq !== null && !/^[1-9]\d{0,17}$/.test(seq)) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "after" is not a valid cursor');
    const rows = await this.runs.page(seq, first + 1);
    const edges = rows.slice(0, first).map((r) => ({ cursor: encodeCursor(RUN_CURSOR, r.seq), node: r }));
    return pageOf(edges, rows.length, first);
  }

  /** The tables of one sequence in order; after a failure the rest wait for the next run (reported with its code). */
  private async sequence(tables: readonly ExpiringTable[], ranAt: Date, today: string, dryRun: boolean): Promise<RetentionPart[]> {
    const parts: RetentionPart[] = [];
    for (const t of tables) {
      const failed = parts.find((p) => p.errorCode !== null);
      parts.push(failed ? { ...emptyPart(t), errorCode: failed.errorCode } : await this.part(t, ranAt, today, dryRun));
    }
    return parts;
  }

  private async part(t: ExpiringTable, ranAt: Date, today: string, dryRun: boolean): Promise<RetentionPart> {
    const started = performance.now();
    const part = emptyPart(t);
    try {
      const before = new Date(`${t.cutoff === "today" ? today : firstKeptAnchor(ruleById(t.rule), today)}T00:00:00Z`);
      const held = t.heldAs.length ? await this.holds.heldOfType(ranAt, t.store, t.heldAs) : [];
      const heldIds = held.map((h) => h.recordId);
      const expired = await t.expired(before, heldIds);
      part.candidates = expired.candidates;
      part.keptByHold = countByKind(held, new Set(expired.held));
      if (dryRun) {
        part.deleted = expired.candidates - expired.held.length;
        part.batches = Math.floor(part.deleted / this.batchSize) + 1; // as the real run: until a batch comes back short
      } else {
        // Until a batch comes back short: rows logged meanwhile are not older than the cut-off, so this ends.
        for (let n = this.batchSize; n === this.batchSize; part.batches++) {
          n = await t.deleteExpired(before, heldIds, this.batchSize);
          part.deleted += n;
        }
      }
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      part.errorCode = ErrorCode.SOURCE_UNAVAILABLE;
    }
    part.durationMs = Math.round(performance.now() - started);
    return part;
  }
}

const emptyPart = (t: ExpiringTable): RetentionPart =>
  ({ rule: t.rule, store: t.store, table: t.table, candidates: 0, deleted: 0, keptByHold: [], batches: 0, durationMs: 0, errorCode: null });

function countByKind(held: readonly { recordId: string; kind: HoldKind }[], among: ReadonlySet<string>) {
  const counts = new Map<HoldKind, number>();
  for (const h of held) if (among.has(h.recordId)) counts.set(h.kind, (counts.get(h.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
}
