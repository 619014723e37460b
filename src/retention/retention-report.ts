import type { HoldKind } from "../holds/legal-hold";

/** What a run did (or, dry, would do) with one rule in one source table. */
export interface RetentionPart {
  /** The rule's id in src/policy/retention.ts. */
  rule: string;
  store: string;
  table: string;
  /** Rows past the rule's last day when the run looked. */
  candidates: number;
  /** Rows this run deleted; for a dry run, the rows it would delete. */
  deleted: number;
  /** Candidates kept because a hold in force covers them, per kind of their longest hold. */
  keptByHold: { kind: HoldKind; count: number }[];
  /** DELETE statements run (a dry run: that it would run). */
  batches: number;
  durationMs: number;
  /** SOURCE_UNAVAILABLE when the store did not answer: this part did nothing and the next run retries it. */
  errorCode: string | null;
}

export interface RetentionReport {
  dryRun: boolean;
  ranAt: Date;
  /** The UTC date retention was judged on (the gateway's clock). */
  today: string;
  parts: RetentionPart[];
}
