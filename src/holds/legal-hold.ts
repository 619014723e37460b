/**
 * What a legal hold is held under. A hold of any kind keeps its record unchanged: erasure leaves it,
 * retention does not delete it, and disclosure can still produce it. Adding a kind is one entry here plus a
 * privacy migration that widens legal_hold_kind_chk (test/medium/legal-holds.test.ts fails until it exists).
 */
export enum HoldKind {
  /** Tax records kept for the fiscal retention period (AWR art. 52), outranking erasure (AVG art. 17(3)(b)). */
  FISCAL = "FISCAL",
  /** Data a public prosecutor ordered preserved (Sv art. 126ni), for at most 90 days after the order's approval. */
  PRESERVATION = "PRESERVATION",
  /** Records the privacy officer holds for a dispute or claim (litigation), for at most 2 years at a time, then renewed. */
  LITIGATION = "LITIGATION",
}

/** Whose holds they are, and the link LEGAL_TAX needs (see the entity). */
export interface HoldOwner {
  subjectId: string;
  requestId: string | null;
  customerNumber: string;
  /** The legal demand that placed it (preservation holds). */
  demandId?: string | null;
  /** The litigation hold that placed it (privacy.litigation_hold). */
  litigationId?: string | null;
}

/** A hold to register: which record, of which kind, why, and its last day. */
export interface NewHold {
  source: string;
  recordType: string;
  recordId: string;
  kind: HoldKind;
  basis: string;
  /** YYYY-MM-DD: the last day the record is held. */
  expiresAt: string;
}

/** Records of one source and record type, as the held-records question takes them. */
export interface RecordSet {
  source: string;
  recordType: string;
  recordIds: readonly string[];
}

/** All records of one customer in one source (or in every source), as the held-records question takes them. */
export interface CustomerRecords {
  customerNumber: string;
  source?: string;
}

/** A record held at the moment asked about, by one hold (a record under several holds has one per hold). */
export interface HeldRecord {
  source: string;
  recordType: string;
  recordId: string;
  holdId: string;
  kind: HoldKind;
  /** The legal basis of the hold, e.g. "AWR art. 52; AVG art. 17(3)(b)". */
  reason: string;
  /** YYYY-MM-DD: held through this day. */
  until: string;
}

/** A hold in force on one of a subject's records, as `Subject.legalHolds` lists it. */
export interface SubjectHold {
  id: string;
  kind: HoldKind;
  source: string;
  recordType: string;
  recordId: string;
  basis: string;
  /** YYYY-MM-DD: held through this day. */
  until: string;
  placedAt: Date;
}
