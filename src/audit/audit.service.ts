import { assertPageSize, decodeCursor, encodeCursor } from "../common/cursor";
import { systemClock, type Clock } from "../common/clock";
import { appError, ErrorCode } from "../errors/error-code";
import type { AuditAction, AuditEntryInput, Queryable } from "./audit-entry";
import { decodeEntry, encodeEntry, type AuditEventView } from "./audit-entry.codec";
import type { AuditRepository, AuditRowFilter } from "./audit.repository";
import { GroupAppend } from "./group-append";
import { ChainVerifier, type ChainBreak, type ChainBreakReason } from "./chain-verifier";
import { keyedHash, subjectHash } from "./subject-hash";
import type { StatementPart } from "../db/one-statement";
import { pageOf, type Page } from "../common/page";

export const MAX_AUDIT_PAGE_SIZE = 100;
const AUDIT_CURSOR = "audit";
const VERIFY_BATCH = 1000;

export interface AuditTrailFilter {
  action?: AuditAction | null;
  /** A staff id, or a customer's login id (matched against its keyed hash). */
  actor?: string | null;
  purpose?: string | null;
  /** Hashed before filtering: the clear id never reaches the database. */
  subjectId?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
}

export type AuditTrailPage = Page<AuditEventView>;

export interface AuditIntegrityResult {
  ok: boolean;
  /** Entries verified before the first break (all of them when ok). */
  checked: number;
  firstBrokenSeq: number | null;
  reason: ChainBreakReason | null;
  /** The head the verification ended at (entries appended meanwhile are left for the next run). */
  headSeq: number;
  headHash: string;
}

/**
 * The audit trail (SPEC §8): records entries, pages through them, re-verifies the chain.
 * Access control is not here: graphql-shield admits only the audit capability to the queries.
 */
export class AuditService {
  private readonly group: GroupAppend;

  constructor(
    private readonly repo: AuditRepository,
    private readonly hashKey: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.group = new GroupAppend((entries) => repo.append(entries));
  }

  /**
   * Appends entries, in order, and resolves once they are committed. Without `db`, concurrent calls of this
   * process share one statement (group-append.ts). With `db` (an EntityManager or QueryRunner) the entries
   * are appended inside that transaction and commit or roll back with the change they describe; the head
   * row then stays locked until the transaction ends, so keep such transactions short and append last.
   * On the embedded engine, inside a transaction always pass `db`: the pool waits for the one session.
   */
  async record(entries: readonly AuditEntryInput[], db?: Queryable): Promise<void> {
    if (entries.length === 0) return;
    const at = this.clock.now();
    const texts = entries.map((e) => encodeEntry(e, at, this.hashKey));
    if (db) await this.repo.append(texts, db);
    else await this.group.push(texts);
  }

  /**
   * The append as a part of one combined statement (db/one-statement.ts), for a change whose rows and
   * evidence are written in a single statement: the entries commit or roll back with it.
   */
  appendPart(entries: readonly AuditEntryInput[]): StatementPart {
    const at = this.clock.now();
    return this.repo.appendPart(entries.map((e) => encodeEntry(e, at, this.hashKey)));
  }

  /** A page of the trail, newest first. */
  async trail(filter: AuditTrailFilter, first: number, after?: string | null): Promise<AuditTrailPage> {
    assertPageSize(first, MAX_AUDIT_PAGE_SIZE);
    const beforeSeq = after ? decodeSeq(after) : null;
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "from" must be before "to"');
    }
    const rows = await this.repo.page(this.rowFilter(filter), first + 1, beforeSeq);
    const edges = rows.slice(0, first).map((row) => ({
      cursor: encodeCursor(AUDIT_CURSOR, String(row.seq)),
      node: decodeEntry(row),
    }));
    return pageOf(edges, rows.length, first);
  }

  /**
   * Re-verifies the whole chain from the genesis hash, in batches (memory stays flat however long the
   * trail). Rows are read before the head: the head commits together with its rows, so a head read later
   * can only be ahead of what was read, never behind (which is why rows beyond it are forged).
   */
  async verify(): Promise<AuditIntegrityResult> {
    const v = new ChainVerifier();
    let after: number | null = null; // null: below any seq, so rows numbered 0 or less are seen too
    const walk = async (upTo: number | null): Promise<ChainBreak | null> => {
      for (;;) {
        const rows = await this.repo.batch(after, VERIFY_BATCH, upTo);
        for (const row of rows) {
          const broken = v.feed(row);
          if (broken) return broken;
          after = row.seq;
        }
        if (rows.length < VERIFY_BATCH) return null;
      }
    };
    let broken = await walk(null);
    const head = await this.repo.head();
    // Entries appended while we walked: verify them too, up to the head we just read.
    if (!broken && head.seq > v.lastSeq) broken = await walk(head.seq);
    broken ??= v.finish(head);
    return {
      ok: broken === null,
      checked: v.checkedBefore(broken),
      firstBrokenSeq: broken?.seq ?? null,
      reason: broken?.reason ?? null,
      headSeq: head.seq,
      headHash: head.hash,
    };
  }

  private rowFilter(f: AuditTrailFilter): AuditRowFilter {
    return {
      action: f.action ?? null,
      // Customers' ids are stored keyed-hashed (audit-entry.codec.ts); staff ids in the clear.
      actors: f.actor ? [f.actor, keyedHash(this.hashKey, f.actor)] : null,
      purpose: f.purpose ?? null,
      subjectHash: f.subjectId ? subjectHash(this.hashKey, f.subjectId) : null,
      from: f.from ? f.from.toISOString() : null,
      to: f.to ? f.to.toISOString() : null,
    };
  }
}

function decodeSeq(cursor: string): number {
  const text = decodeCursor(AUDIT_CURSOR, cursor);
  if (!/^[1-9]\d{0,15}$/.test(text)) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "after" is not a valid cursor');
  return Number(text);
}
