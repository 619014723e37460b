import type { DataCategory } from "../../policy/categories";
import { RetentionAnchor, retentionEnd, ruleForCategory, utcDate, type RetentionRule } from "../../policy/retention";
import type { SourceName } from "../../config/config";
import type { CategoryRetention, RetentionPart } from "./access-report.document";
import type { RecordSpan } from "../../common/record-span";

// The report's wording of retention: which records, until when, explained. The dates themselves are the
// policy's (policy/retention.ts), the same ones erasure keeps records by.

const base = (rule: RetentionRule, records: string, source: SourceName, count: number) => ({
  records,
  source,
  count,
  rule: rule.id,
  reason: rule.reason,
});

/** Records kept until the contract ends plus the rule's months (crm data, credentials, payment methods). */
export function afterContract(rule: RetentionRule, records: string, source: SourceName, count: number, contractEnd: string | null): RetentionPart {
  const b = base(rule, records, source, count);
  if (count === 0) return { ...b, until: null, explanation: "None held" };
  if (!contractEnd) {
    return { ...b, until: null, explanation: `${rule.months} months after the contract ends; the contract is still running` };
  }
  const until = retentionEnd(rule, contractEnd);
  return { ...b, until, explanation: `${rule.months} months after the contract end (${contractEnd}): kept through ${until}, deleted the day after` };
}

/**
 * Each record kept for the rule's months after it was made: `until` is the earliest upcoming deletion (the oldest
 * record's last day), and the newest record goes last (retentionEnd never decreases with its anchor).
 */
export function rolling(rule: RetentionRule, records: string, source: SourceName, span: RecordSpan, today: string): RetentionPart {
  const b = base(rule, records, source, span.count);
  if (span.count === 0 || span.oldest === null || span.newest === null) return { ...b, until: null, explanation: "None held" };
  const [until, last] = [retentionEnd(rule, utcDate(span.oldest)), retentionEnd(rule, utcDate(span.newest))];
  const overdue = until < today ? "; records past it are deleted at the next retention run" : "";
  return {
    ...b,
    until,
    explanation: `Each record ${rule.months} months after it was made: the oldest is kept through ${until}, the newest through ${last}, each deleted the day after${overdue}`,
  };
}

/** Invoices (and the payments settling them) kept until 31 December of the invoice's year plus the rule's months. */
export function fiscal(rule: RetentionRule, invoices: readonly { invoiceNumber: string; invoiceDate: string }[], payments: number): RetentionPart {
  const b = base(rule, "invoices and payments", "billing", invoices.length + payments);
  const perInvoice = invoices.map((i) => ({ invoiceNumber: i.invoiceNumber, until: retentionEnd(rule, i.invoiceDate) }));
  if (perInvoice.length === 0) return { ...b, until: null, explanation: "None held", perInvoice };
  const until = perInvoice.map((p) => p.until).sort().at(-1)!;
  return {
    ...b,
    until,
    explanation: `Each invoice and its payments until 31 December of the invoice's year plus ${rule.months / 12} years; the last is kept through ${until}, deleted the day after`,
    perInvoice,
  };
}

/**
 * The category's retention from its parts. Rolling rules: the earliest upcoming deletion. Other rules: the
 * date the last record goes, or null while any held part is open-ended.
 */
export function categoryRetention(category: DataCategory, parts: RetentionPart[]): CategoryRetention {
  const rule = ruleForCategory(category);
  const held = parts.filter((p) => p.count > 0);
  const dates = held.map((p) => p.until);
  const known = dates.filter((d): d is string => d !== null).sort();
  let until: string | null;
  let explanation: string;
  if (held.length === 0) {
    [until, explanation] = [null, "No data of this category is held"];
  } else if (rule.anchor === RetentionAnchor.RECORD_TIME) {
    until = known[0] ?? null;
    explanation = `Rolling: each record ${rule.months} months after it was made; the oldest is kept through ${until}, deleted the day after`;
  } else if (dates.includes(null)) {
    until = null;
    explanation = held.filter((p) => p.until === null).map((p) => `${p.records}: ${p.explanation}`).join("; ");
  } else {
    until = known.at(-1) ?? null;
    explanation = held.map((p) => `${p.records}: ${p.explanation}`).join("; ");
  }
  return { rule: rule.id, reason: rule.reason, until, explanation, parts };
}
