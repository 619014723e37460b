import { DAY_MS } from "../../common/clock";
/**
 * Rights requests (SPEC §5): every request a data subject makes is a record with a deadline, a status, who
 * handled it and how it ended. Plain TypeScript here; the GraphQL names are registered in request-enums.graphql.ts.
 */

/** What the subject asks for (GDPR art. 15–21). */
export enum RightsRequestType {
  ACCESS = "ACCESS",
  RECTIFY = "RECTIFY",
  ERASE = "ERASE",
  OBJECT = "OBJECT",
  WITHDRAW_CONSENT = "WITHDRAW_CONSENT",
  RESTRICT = "RESTRICT",
  PORTABILITY = "PORTABILITY",
  /** Consent given again after a withdrawal (art. 7): no GDPR right, registered like its sibling WITHDRAW_CONSENT. */
  GIVE_CONSENT = "GIVE_CONSENT",
  /** An objection (art. 21) taken back by the subject, registered like its sibling OBJECT. */
  WITHDRAW_OBJECTION = "WITHDRAW_OBJECTION",
}

/** How the request reached us. */
export enum RequestChannel {
  PORTAL = "PORTAL",
  EMAIL = "EMAIL",
}

/** RECEIVED → VERIFIED → IN_PROGRESS → COMPLETED; REJECTED from any open status. */
export enum RequestStatus {
  RECEIVED = "RECEIVED",
  VERIFIED = "VERIFIED",
  IN_PROGRESS = "IN_PROGRESS",
  COMPLETED = "COMPLETED",
  REJECTED = "REJECTED",
}

/** How the requester was shown to be the subject. */
export enum VerificationMethod {
  /** A logged-in portal session is verification in itself. */
  PORTAL_LOGIN = "PORTAL_LOGIN",
  /** A challenge sent to the e-mail address on file was answered. */
  EMAIL_CHALLENGE = "EMAIL_CHALLENGE",
  /** A copy of an ID document was seen, with photo, MRZ, document number and BSN blacked out; never stored. */
  ID_DOCUMENT = "ID_DOCUMENT",
}

/** How a closed request ended. A closed list, with free text beside it for what the list cannot say. */
export enum RequestOutcome {
  FULFILLED = "FULFILLED",
  /** Done, but part of the data was kept (e.g. invoices under the fiscal legal hold). */
  PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED",
  /** Set by reject(); complete() refuses it. */
  REJECTED = "REJECTED",
}

/** The stores a request's work is split over (one task per source; used by the erasure job). */
export enum TaskSource {
  CRM = "crm",
  BILLING = "billing",
  AUTH = "auth",
  WEBLOG = "weblog",
  PRIVACY = "privacy",
}

/** PENDING → (RUNNING →) DONE | FAILED | HELD; FAILED may run again; DONE and HELD are final. */
export enum TaskStatus {
  PENDING = "PENDING",
  RUNNING = "RUNNING",
  DONE = "DONE",
  FAILED = "FAILED",
  /** Kept under a legal hold instead of being processed (final for this request). */
  HELD = "HELD",
}

/** The privacy statement promises four weeks: stricter than GDPR's "one month", and the same length every time. */
export const DUE_DAYS = 28;
/** From day 21 on an open request is flagged, leaving a week to finish it. */
export const DUE_SOON_DAYS = 21;

/** 28 × 24 hours, not calendar days: a daylight-saving change must not move the deadline. */
export const dueAtFor = (receivedAt: Date): Date => new Date(receivedAt.getTime() + DUE_DAYS * DAY_MS);
export const dueSoonFrom = (receivedAt: Date): Date => new Date(receivedAt.getTime() + DUE_SOON_DAYS * DAY_MS);
/** The latest receivedAt that is at day 21 or later at `now`. */
export const dueSoonSince = (now: Date): Date => new Date(now.getTime() - DUE_SOON_DAYS * DAY_MS);

/** The route a refused requester can take (art. 77 GDPR); stated with every refusal. */
export const AP_COMPLAINT_ROUTE =
  "If you disagree with this decision you may lodge a complaint with the Dutch data protection authority, " +
  "the Autoriteit Persoonsgegevens: https://autoriteitpersoonsgegevens.nl";

/** The four things an officer attests were blacked out on an ID copy before looking at it. */
export interface IdDocumentAttestations {
  photoHidden: boolean;
  mrzHidden: boolean;
  documentNumberHidden: boolean;
  bsnHidden: boolean;
}

export interface RightsRequestTask {
  requestId: string;
  source: TaskSource;
  status: TaskStatus;
  attempts: number;
  lastErrorCode: string | null;
  updatedAt: Date;
}

/** A request the privacy officer registers. */
export interface SubmitRequestInput {
  subjectId: string;
  type: RightsRequestType;
  channel: RequestChannel;
  /** When the request arrived (e.g. the e-mail's date); default now. Never in the future. */
  receivedAt?: Date | null;
  notes?: string | null;
}

export interface OutcomeInput {
  code: RequestOutcome;
  text?: string | null;
}

/** One row of privacy.rights_request as the service returns it. */
export interface RightsRequest {
  id: string;
  subjectId: string;
  type: RightsRequestType;
  channel: RequestChannel;
  receivedAt: Date;
  dueAt: Date;
  status: RequestStatus;
  verificationMethod: VerificationMethod | null;
  attestations: IdDocumentAttestations | null;
  verifiedAt: Date | null;
  handler: string | null;
  handlerRole: string | null;
  notes: string | null;
  outcome: RequestOutcome | null;
  outcomeText: string | null;
  rejectionReasons: string[];
  completedAt: Date | null;
  policyVersion: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A request as shown: the stored row plus what the clock says about it. */
export interface RightsRequestView extends RightsRequest {
  dueSoon: boolean;
  overdue: boolean;
  /** AP_COMPLAINT_ROUTE when REJECTED, else null. */
  complaintRoute: string | null;
  tasks: RightsRequestTask[];
}
