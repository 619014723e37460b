import { LEGAL_BASES, LegalDemandBasis } from "../policy/legal-bases";
import { DAY_MS } from "../common/clock";
import { LegalDemandStatus } from "./legal-demand";

/** One demand as the transparency report counts it: no names, references or subjects' data. */
export interface CountedDemand {
  basis: LegalDemandBasis;
  status: LegalDemandStatus;
  subjectId: string | null;
  receivedAt: Date;
  /** When the company answered: the refusal when recorded, otherwise the decision; null while undecided. */
  answeredAt: Date | null;
}

export interface TransparencyRow {
  basis: LegalDemandBasis;
  article: string;
  received: number;
  refused: number;
  rejected: number;
  /** Approved, and disclosed (or preserved) or waiting to be. */
  approved: number;
  executed: number;
  preservationOrders: number;
}

export interface TransparencyReport {
  from: Date;
  to: Date;
  rows: TransparencyRow[];
  total: Omit<TransparencyRow, "basis" | "article">;
  /** Distinct subjects of approved demands (confidential ones included, never identified). */
  subjectsAffected: number;
  /** Median days from receipt to the answer, over answered demands; null when none was answered. */
  medianDaysToAnswer: number | null;
  markdown: string;
}

const APPROVED_OR_LATER = new Set([LegalDemandStatus.APPROVED, LegalDemandStatus.EXECUTED, LegalDemandStatus.PARTIALLY_EXECUTED, LegalDemandStatus.CLOSED]);
const EXECUTED = new Set([LegalDemandStatus.EXECUTED, LegalDemandStatus.PARTIALLY_EXECUTED, LegalDemandStatus.CLOSED]);

/**
 * Aggregates the demands received in [from, to): counts per legal basis and outcome, subjects affected,
 * the median time to answer. Aggregate only: confidential demands are counted like the others and nothing
 * identifies a demand, an authority or a subject. Pure, so the report reads the same on every engine.
 */
export function transparencyReport(demands: readonly CountedDemand[], from: Date, to: Date): TransparencyReport {
  const rows = Object.values(LegalDemandBasis).map((basis): TransparencyRow => {
    const of = demands.filter((d) => d.basis === basis);
    const count = (p: (d: CountedDemand) => boolean) => of.filter(p).length;
    const preservation = LEGAL_BASES[basis].preservationMaxDays !== undefined;
    return {
      basis,
      article: LEGAL_BASES[basis].article,
      received: of.length,
      refused: count((d) => d.status === LegalDemandStatus.REFUSED),
      rejected: count((d) => d.status === LegalDemandStatus.REJECTED),
      approved: count((d) => APPROVED_OR_LATER.has(d.status)),
      // A preservation order is never executed (it discloses nothing); closed, it is counted as preserved only.
      executed: preservation ? 0 : count((d) => EXECUTED.has(d.status)),
      preservationOrders: preservation ? count((d) => APPROVED_OR_LATER.has(d.status)) : 0,
    };
  });
  const sum = (k: keyof TransparencyReport["total"]) => rows.reduce((n, r) => n + r[k], 0);
  const total = { received: sum("received"), refused: sum("refused"), rejected: sum("rejected"), approved: sum("approved"),
    executed: sum("executed"), preservationOrders: sum("preservationOrders") };
  const affected = new Set(demands.filter((d) => APPROVED_OR_LATER.has(d.status) && d.subjectId).map((d) => d.subjectId));
  const days = demands.flatMap((d) => (d.answeredAt ? [(d.answeredAt.getTime() - d.receivedAt.getTime()) / DAY_MS] : []));
  const report = { from, to, rows, total, subjectsAffected: affected.size, medianDaysToAnswer: median(days) };
  return { ...report, markdown: markdownOf(report) };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return Math.round(m * 10) / 10;
}

function markdownOf(r: Omit<TransparencyReport, "markdown">): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const line = (name: string, c: TransparencyReport["total"]) =>
    `| ${name} | ${c.received} | ${c.refused} | ${c.rejected} | ${c.approved} | ${c.executed} | ${c.preservationOrders} |`;
  return [
    `# Transparency report: legal demands received from ${day(r.from)} up to ${day(r.to)}`,
    "",
    "| legal basis | received | refused (law not met) | rejected | approved | executed | preservation orders |",
    "|---|---|---|---|---|---|---|",
    ...r.rows.filter((row) => row.received > 0).map((row) => line(row.article, row)),
    line("**total**", r.total),
    "",
    `Subjects affected: ${r.subjectsAffected}. Median days from receipt to answer: ${r.medianDaysToAnswer ?? "–"}.`,
    "Confidential demands are counted here and never identified.",
  ].join("\n");
}
