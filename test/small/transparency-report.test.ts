import { test } from "node:test";
import assert from "node:assert/strict";
import { transparencyReport, type CountedDemand } from "../../src/disclosure/transparency-report";
import { LegalDemandStatus as S } from "../../src/disclosure/legal-demand";
import { LegalDemandBasis as B } from "../../src/policy/legal-bases";

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const SUBJECT_A = "0b9f3c1e-8a7d-4f57-9a43-2f8c3c3a9e11";
const SUBJECT_B = "5d1c2b3a-0f9e-4d8c-b7a6-112233445566";
const demand = (basis: B, status: S, subjectId: string | null, received: number, answered: number | null): CountedDemand =>
  ({ basis, status, subjectId, receivedAt: day(received), answeredAt: answered === null ? null : day(answered) });

test("counts per basis and outcome, distinct subjects affected, the median time to answer; aggregates only", () => {
  const r = transparencyReport([
    demand(B.SV_126NC, S.APPROVED, SUBJECT_A, 1, 2),
    demand(B.SV_126NC, S.REFUSED, null, 3, 3),
    demand(B.SV_126ND, S.EXECUTED, SUBJECT_A, 4, 8),
    demand(B.SV_126NI, S.APPROVED, SUBJECT_B, 5, 6),
    demand(B.SV_126NI, S.REJECTED, SUBJECT_B, 6, 10),
    demand(B.SV_126NA, S.RECORDED, SUBJECT_B, 7, null),
  ], day(1), day(31));
  const row = (b: B) => r.rows.find((x) => x.basis === b)!;
  assert.deepEqual(row(B.SV_126NC), { basis: B.SV_126NC, article: "Sv art. 126nc", received: 2, refused: 1, rejected: 0, approved: 1, executed: 0, preservationOrders: 0 });
  assert.deepEqual([row(B.SV_126ND).approved, row(B.SV_126ND).executed], [1, 1], "executed counts as approved too");
  assert.deepEqual([row(B.SV_126NI).preservationOrders, row(B.SV_126NI).rejected], [1, 1]);
  assert.deepEqual(r.total, { received: 6, refused: 1, rejected: 1, approved: 3, executed: 1, preservationOrders: 1 });
  assert.equal(r.subjectsAffected, 2, "subjects of approved demands, each once");
  assert.equal(r.medianDaysToAnswer, 1, "answers after 1, 0, 4, 1, 4 days; the undecided one is not answered");
  assert.match(r.markdown, /\| Sv art\. 126nc \| 2 \| 1 \| 0 \| 1 \| 0 \| 0 \|/);
  assert.doesNotMatch(r.markdown, new RegExp(`${SUBJECT_A}|${SUBJECT_B}`));
  assert.doesNotMatch(r.markdown, /COURT_ORDER|court order/, "bases without demands are left out of the text");
});

test("an empty period: zeros and no median", () => {
  const r = transparencyReport([], day(1), day(2));
  assert.equal(r.total.received, 0);
  assert.equal(r.medianDaysToAnswer, null);
  assert.equal(r.rows.length, Object.values(B).length);
});

test("a closed preservation order is a preservation order, never an execution; a closed disclosure was executed", () => {
  const r = transparencyReport([
    demand(B.SV_126NI, S.CLOSED, SUBJECT_A, 1, 2),
    demand(B.SV_126ND, S.CLOSED, SUBJECT_B, 3, 4),
    demand(B.SV_126NE, S.PARTIALLY_EXECUTED, SUBJECT_B, 5, 6),
  ], day(1), day(31));
  const row = (b: B) => r.rows.find((x) => x.basis === b)!;
  assert.deepEqual([row(B.SV_126NI).executed, row(B.SV_126NI).preservationOrders], [0, 1]);
  assert.deepEqual([row(B.SV_126ND).executed, row(B.SV_126NE).executed], [1, 1]);
  assert.deepEqual([r.total.executed, r.total.preservationOrders, r.total.approved], [2, 1, 3]);
});
