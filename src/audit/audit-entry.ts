import type { Role } from "../policy/roles";
import type { Purpose } from "../policy/purposes";
import type { DataCategory } from "../policy/categories";

/** What happened. Reads and denials are recorded by the request audit; the rest by the services that act. */
export enum AuditAction {
  /** A staff member read subject data (categories returned). */
  SUBJECT_READ = "SUBJECT_READ",
  /** A request or a field was refused (code says why). */
  DENIED = "DENIED",
  CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN",
  /** Consent given (again) for consent cells: detail names the cells and how many withdrawals it ended. */
  CONSENT_GIVEN = "CONSENT_GIVEN",
  OBJECTION_RECORDED = "OBJECTION_RECORDED",
  /** The objection in force to a purpose was withdrawn by the subject (or for it by the privacy officer). */
  OBJECTION_WITHDRAWN = "OBJECTION_WITHDRAWN",
  RESTRICTION_RECORDED = "RESTRICTION_RECORDED",
  RESTRICTION_LIFTED = "RESTRICTION_LIFTED",
  /** A rights request was registered (portal or privacy officer); detail names type and channel, never free text. */
  RIGHTS_REQUEST_RECEIVED = "RIGHTS_REQUEST_RECEIVED",
  RIGHTS_REQUEST_VERIFIED = "RIGHTS_REQUEST_VERIFIED",
  RIGHTS_REQUEST_STARTED = "RIGHTS_REQUEST_STARTED",
  RIGHTS_REQUEST_COMPLETED = "RIGHTS_REQUEST_COMPLETED",
  RIGHTS_REQUEST_REJECTED = "RIGHTS_REQUEST_REJECTED",
  /**
   * Per-source tasks of a rights request were added, or changed status: one TASK_UPDATED entry per change
   * of the request, detail.tasks listing each task moved (source, from, to, errorCode).
   */
  RIGHTS_REQUEST_TASKS_ADDED = "RIGHTS_REQUEST_TASKS_ADDED",
  RIGHTS_REQUEST_TASK_UPDATED = "RIGHTS_REQUEST_TASK_UPDATED",
  /**
   * A rectification (art. 16) of crm data: detail.outcome is REQUESTED (written before the change), then
   * APPLIED, FAILED or NOT_FOUND; detail.fields names the fields, never their values.
   */
  RECTIFICATION_RECORDED = "RECTIFICATION_RECORDED",
  /**
   * Steps of an erasure (art. 17) ran: detail.steps has one record per step settled together, naming the
   * source (or privacy for the hold register) with counts of rows erased per table and of records kept
   * under a hold; never ids or values.
   */
  SUBJECT_ERASURE_STEP = "SUBJECT_ERASURE_STEP",
  /**
   * A legal demand was recorded: detail.outcome is RECORDED or REFUSED, with its basis, the refusal codes and
   * the number of categories; never the authority, officer, references or how the subject was named.
   */
  LEGAL_DEMAND_RECORDED = "LEGAL_DEMAND_RECORDED",
  /** A privacy officer other than the recorder approved a legal demand (four eyes). */
  LEGAL_DEMAND_APPROVED = "LEGAL_DEMAND_APPROVED",
  /** A privacy officer rejected a legal demand; detail.reasons counts the reasons given, never their text. */
  LEGAL_DEMAND_REJECTED = "LEGAL_DEMAND_REJECTED",
  /** The written copy of an oral legal demand was recorded; detail.wasOverdue says whether it came late. */
  LEGAL_DEMAND_WRITTEN_COPY = "LEGAL_DEMAND_WRITTEN_COPY",
  /**
   * Data was disclosed on an approved demand: detail.payloadSha256 is the manifest's hash of the canonical
   * payload, with the disclosure id and counts per table; never the payload or a record id.
   */
  LEGAL_DEMAND_EXECUTED = "LEGAL_DEMAND_EXECUTED",
  /** An approved preservation order (Sv 126ni) placed PRESERVATION holds; detail counts them and gives the last day. */
  LEGAL_HOLD_PLACED = "LEGAL_HOLD_PLACED",
  /** A litigation hold was released before its last day (privacy officer, with a reason). */
  LEGAL_HOLD_RELEASED = "LEGAL_HOLD_RELEASED",
  /** A demand's confidentiality order ended (privacy officer, with evidence): the subject may now learn of it. */
  LEGAL_DEMAND_CONFIDENTIALITY_LIFTED = "LEGAL_DEMAND_CONFIDENTIALITY_LIFTED",
  /** A legal demand was closed: nothing more is done under it. */
  LEGAL_DEMAND_CLOSED = "LEGAL_DEMAND_CLOSED",
  /** A retention run (or dry run): detail.parts gives counts per rule and table; no ids, no personal data. */
  RETENTION_RUN = "RETENTION_RUN",
}

export type DetailScalar = string | number | boolean | null;
export type DetailRecord = Readonly<Record<string, DetailScalar>>;

/**
 * One audit entry as the caller gives it. Carries no personal data: the subject is given as its id and is
 * stored only as a keyed hash (HMAC); `detail` must hold codes and counts, never values.
 */
export interface AuditEntryInput {
  action: AuditAction;
  /** Token `sub` of the caller (a staff id or a customer login id); null when unknown. */
  actor: string | null;
  role: Role | null;
  purpose: Purpose | null;
  /** Subject id; hashed before storing. */
  subjectId: string | null;
  /** Categories returned (reads) or concerned (mutations, denials). */
  categories?: readonly DataCategory[];
  /** Field denials: "Type.field" and the error code. */
  denied?: readonly { field: string; code: string }[];
  /** Request correlation id. */
  requestId: string | null;
  /**
   * Small, personal-data-free facts: error codes, counts, purpose names; a list of flat records where one
   * entry states several like facts (the tasks one settle moved, the erasure steps it recorded).
   */
  detail?: Readonly<Record<string, DetailScalar | readonly string[] | readonly DetailRecord[]>>;
  /** The policy version the decision was made under (src/policy/policy-version.ts), when it matters. */
  policyVersion?: string | null;
}

/** Anything that can run one SQL statement: a pg pool or client, or a TypeORM QueryRunner/EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The audit trail as the code that records in it needs it (AuditService satisfies it): entries appended
 * on their own, or inside the caller's transaction when `db` is given.
 */
export interface AuditRecorder {
  record(entries: readonly AuditEntryInput[], db?: Queryable): Promise<void>;
}
