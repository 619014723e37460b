import { containsBsn } from "../../common/bsn";
import { appError, ErrorCode } from "../../errors/error-code";
import {
  dueSoonFrom,
  RequestChannel,
  RequestStatus,
  TaskStatus,
  VerificationMethod,
  type IdDocumentAttestations,
  type RightsRequest,
} from "./rights-request";

/**
 * The pure rules of rights requests: which status may follow which, when a request is due soon or overdue,
 * what a verification needs, which free text is refused. The service applies them under a row lock.
 */

const { RECEIVED, VERIFIED, IN_PROGRESS, COMPLETED, REJECTED } = RequestStatus;

/** Verification comes first; work may be skipped straight to COMPLETED (a portal action done at once). */
const NEXT: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  [RECEIVED]: [VERIFIED, REJECTED],
  [VERIFIED]: [IN_PROGRESS, COMPLETED, REJECTED],
  [IN_PROGRESS]: [COMPLETED, REJECTED],
  [COMPLETED]: [],
  [REJECTED]: [],
};

export const OPEN_STATUSES: readonly RequestStatus[] = [RECEIVED, VERIFIED, IN_PROGRESS];
export const isOpen = (status: RequestStatus): boolean => OPEN_STATUSES.includes(status);

/** BAD_USER_INPUT naming both states and what is allowed instead (the officer can act on the message). */
export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (NEXT[from].includes(to)) return;
  const allowed = NEXT[from].length ? `it can only become ${NEXT[from].join(" or ")}` : "it is closed";
  throw appError(ErrorCode.BAD_USER_INPUT, `A ${from} request cannot become ${to}: ${allowed}`, {
    status: from,
  });
}

/** Work done at once (an inline erasure step) goes from PENDING straight to DONE or FAILED. */
const TASK_NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  [TaskStatus.PENDING]: [TaskStatus.RUNNING, TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.HELD],
  [TaskStatus.RUNNING]: [TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.HELD],
  [TaskStatus.FAILED]: [TaskStatus.RUNNING, TaskStatus.HELD],
  [TaskStatus.DONE]: [],
  [TaskStatus.HELD]: [],
};

export const isTaskFinal = (s: TaskStatus): boolean => TASK_NEXT[s].length === 0;
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = Object.values(TaskStatus).filter(isTaskFinal);

export function assertTaskTransition(from: TaskStatus, to: TaskStatus): void {
  if (TASK_NEXT[from].includes(to)) return;
  const allowed = TASK_NEXT[from].length ? `it can only become ${TASK_NEXT[from].join(" or ")}` : "it is final";
  throw appError(ErrorCode.BAD_USER_INPUT, `A ${from} task cannot become ${to}: ${allowed}`);
}

/** Error codes on tasks are codes (e.g. SOURCE_UNAVAILABLE), never messages: a message could hold personal data. */
export function assertErrorCode(code: string | null | undefined): void {
  if (code != null && !/^[A-Z][A-Z0-9_]{0,63}$/.test(code)) {
    throw appError(ErrorCode.BAD_USER_INPUT, "A task error code must be an UPPER_SNAKE_CASE code of at most 64 characters");
  }
}

/** A task's change carries a code, never a message, and only with FAILED. */
export function assertTaskChange(c: { status: TaskStatus; errorCode: string | null }): void {
  assertErrorCode(c.errorCode);
  if (c.errorCode && c.status !== TaskStatus.FAILED) throw appError(ErrorCode.BAD_USER_INPUT, "An error code is recorded with FAILED only");
}

/** Day 21 reached (due soon) and past the deadline (overdue); both false once closed. */
export function deadlineFlags(r: Pick<RightsRequest, "status" | "receivedAt" | "dueAt">, now: Date) {
  const open = isOpen(r.status);
  return {
    dueSoon: open && now.getTime() >= dueSoonFrom(r.receivedAt).getTime(),
    overdue: open && now.getTime() > r.dueAt.getTime(),
  };
}

/**
 * A BSN must never be stored (SPEC §5). Checked before anything is written, so a refusal stores nothing.
 * The message names the field, never the value.
 */
export function assertNoBsn(field: string, texts: readonly (string | null | undefined)[]): void {
  if (texts.some((t) => t != null && containsBsn(t))) {
    throw appError(ErrorCode.BAD_USER_INPUT, `"${field}" contains a BSN (citizen service number); remove it and try again`);
  }
}

/** Free text is short: it explains, it is not a place to paste documents. */
export function assertText(field: string, text: string | null | undefined, max = 2000): void {
  if (text != null && text.length > max) {
    throw appError(ErrorCode.BAD_USER_INPUT, `"${field}" is longer than ${max} characters`);
  }
  assertNoBsn(field, [text]);
}

/**
 * A portal login only verifies a portal request; an e-mail request needs a challenge or an ID document
 * whose four sensitive parts the officer attests were blacked out. Attestations belong to ID_DOCUMENT only.
 */
export function assertVerification(
  channel: RequestChannel,
  method: VerificationMethod,
  attestations: IdDocumentAttestations | null | undefined,
): void {
  if (method === VerificationMethod.PORTAL_LOGIN && channel !== RequestChannel.PORTAL) {
    throw appError(ErrorCode.BAD_USER_INPUT, "PORTAL_LOGIN verifies portal requests only; use EMAIL_CHALLENGE or ID_DOCUMENT");
  }
  if (method !== VerificationMethod.ID_DOCUMENT) {
    if (attestations) throw appError(ErrorCode.BAD_USER_INPUT, `Attestations belong to ID_DOCUMENT, not to ${method}`);
    return;
  }
  const missing = (["photoHidden", "mrzHidden", "documentNumberHidden", "bsnHidden"] as const).filter(
    (k) => attestations?.[k] !== true,
  );
  if (missing.length) {
    throw appError(
      ErrorCode.BAD_USER_INPUT,
      `ID_DOCUMENT verification needs the attestation that photo, MRZ, document number and BSN were blacked out; missing: ${missing.join(", ")}`,
    );
  }
}

/** A refusal states at least one reason, each BSN-free. */
export function assertReasons(reasons: readonly string[]): string[] {
  const clean = reasons.map((r) => r.trim()).filter((r) => r.length > 0);
  if (clean.length === 0) throw appError(ErrorCode.BAD_USER_INPUT, "A rejection needs at least one reason");
  if (clean.length > 20) throw appError(ErrorCode.BAD_USER_INPUT, "A rejection has at most 20 reasons");
  clean.forEach((r) => assertText("reasons", r, 1000));
  return clean;
}
