import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assertErrorCode, assertNoBsn, assertReasons, assertTaskTransition, assertTransition, assertVerification, deadlineFlags,
} from "../../src/rights/requests/request-rules";
import {
  dueAtFor, RequestChannel, RequestStatus, TaskStatus, VerificationMethod,
} from "../../src/rights/requests/rights-request";

const { RECEIVED, VERIFIED, IN_PROGRESS, COMPLETED, REJECTED } = RequestStatus;
const DAY = 86_400_000;
const refused = (fn: () => void, message: RegExp) =>
  assert.throws(fn, (e: any) => e.extensions?.code === "BAD_USER_INPUT" && message.test(e.message));

test("the status machine admits exactly the documented transitions", () => {
  const allowed = new Set(["RECEIVED>VERIFIED", "RECEIVED>REJECTED", "VERIFIED>IN_PROGRESS", "VERIFIED>COMPLETED",
    "VERIFIED>REJECTED", "IN_PROGRESS>COMPLETED", "IN_PROGRESS>REJECTED"]);
  for (const from of [RECEIVED, VERIFIED, IN_PROGRESS, COMPLETED, REJECTED]) {
    for (const to of [RECEIVED, VERIFIED, IN_PROGRESS, COMPLETED, REJECTED]) {
      if (allowed.has(`${from}>${to}`)) assertTransition(from, to);
      else refused(() => assertTransition(from, to), new RegExp(`A ${from} request cannot become ${to}`));
    }
  }
});

test("tasks: DONE and HELD are final, FAILED may run again, work done at once skips RUNNING", () => {
  assertTaskTransition(TaskStatus.FAILED, TaskStatus.RUNNING);
  assertTaskTransition(TaskStatus.PENDING, TaskStatus.HELD);
  assertTaskTransition(TaskStatus.PENDING, TaskStatus.DONE);
  assertTaskTransition(TaskStatus.PENDING, TaskStatus.FAILED);
  refused(() => assertTaskTransition(TaskStatus.HELD, TaskStatus.RUNNING), /it is final/);
  refused(() => assertTaskTransition(TaskStatus.DONE, TaskStatus.FAILED), /it is final/);
  refused(() => assertTaskTransition(TaskStatus.FAILED, TaskStatus.DONE), /only become RUNNING or HELD/);
  assertErrorCode("SOURCE_UNAVAILABLE");
  assertErrorCode(null);
  refused(() => assertErrorCode("timeout for jan@example.nl"), /UPPER_SNAKE_CASE/);
});

test("dueAt is 28 × 24 h even across a daylight-saving change; due-soon from day 21, overdue after dueAt", () => {
  const receivedAt = new Date("2026-03-10T12:00:00Z"); // the Dutch clocks move on 29 March 2026
  const dueAt = dueAtFor(receivedAt);
  assert.equal(dueAt.getTime() - receivedAt.getTime(), 28 * DAY);
  const flags = (ms: number, status = VERIFIED) => deadlineFlags({ status, receivedAt, dueAt }, new Date(receivedAt.getTime() + ms));
  assert.deepEqual(flags(21 * DAY - 1), { dueSoon: false, overdue: false });
  assert.deepEqual(flags(21 * DAY), { dueSoon: true, overdue: false });
  assert.deepEqual(flags(28 * DAY + 1), { dueSoon: true, overdue: true });
  assert.deepEqual(flags(40 * DAY, COMPLETED), { dueSoon: false, overdue: false });
});

test("verification: ID_DOCUMENT needs all four attestations, PORTAL_LOGIN only for the portal", () => {
  const all = { photoHidden: true, mrzHidden: true, documentNumberHidden: true, bsnHidden: true };
  assertVerification(RequestChannel.EMAIL, VerificationMethod.ID_DOCUMENT, all);
  assertVerification(RequestChannel.EMAIL, VerificationMethod.EMAIL_CHALLENGE, null);
  assertVerification(RequestChannel.PORTAL, VerificationMethod.PORTAL_LOGIN, undefined);
  refused(() => assertVerification(RequestChannel.EMAIL, VerificationMethod.ID_DOCUMENT, { ...all, mrzHidden: false }), /missing: mrzHidden/);
  refused(() => assertVerification(RequestChannel.EMAIL, VerificationMethod.PORTAL_LOGIN, null), /portal requests only/);
  refused(() => assertVerification(RequestChannel.PORTAL, VerificationMethod.EMAIL_CHALLENGE, all), /belong to ID_DOCUMENT/);
});

test("free text: a BSN is refused without echoing it; reasons are trimmed, 1–20 of them", () => {
  assert.throws(() => assertNoBsn("notes", ["ok", "bsn 111 222 333"]), (e: any) => !e.message.includes("111") && /"notes" contains a BSN/.test(e.message));
  assertNoBsn("notes", [null, "order 123456789"]);
  assert.deepEqual(assertReasons([" a ", "", "b"]), ["a", "b"]);
  refused(() => assertReasons([]), /at least one reason/);
  refused(() => assertReasons(Array.from({ length: 21 }, (_, i) => `r${i}`)), /at most 20/);
  refused(() => assertReasons(["x".repeat(1001)]), /longer than 1000/);
});
