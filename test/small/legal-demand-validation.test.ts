import { test } from "node:test";
import assert from "node:assert/strict";
import { DataCategory } from "../../src/policy/categories";
import { DemandChannel, DemandRefusal, IssuerType, LegalDemandBasis } from "../../src/policy/legal-bases";
import { demandRefusals, type DemandTerms } from "../../src/disclosure/legal-demand.validation";

/**
 * The law's table (issue 18, SPEC §7), written out here independently of src/policy/legal-bases.ts:
 * the lowest issuer per basis and the categories a basis covers.
 */
const B = LegalDemandBasis;
const I = IssuerType;
const C = DataCategory;
const ALL = Object.values(C);
const LAW: Record<LegalDemandBasis, { issuers: IssuerType[]; categories: DataCategory[] }> = {
  [B.SV_126NC]: { issuers: [I.POLICE_OFFICER, I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: [C.NAME, C.ADDRESS, C.GENDER] },
  [B.SV_126NA]: { issuers: [I.POLICE_OFFICER, I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: [C.NAME, C.ADDRESS] },
  [B.SV_126ND]: { issuers: [I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: ALL },
  [B.SV_126NE]: { issuers: [I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: ALL },
  [B.SV_126NF]: { issuers: [I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: ALL },
  [B.SV_126NG]: { issuers: [I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: ALL },
  [B.SV_126NI]: { issuers: [I.PUBLIC_PROSECUTOR, I.INVESTIGATING_JUDGE, I.COURT], categories: ALL },
  [B.COURT_ORDER]: { issuers: [I.INVESTIGATING_JUDGE, I.COURT], categories: ALL },
};
const HASH = "a".repeat(64);
const at = (day: number) => new Date(Date.UTC(2026, 9, day));

/** A demand that satisfies everything but what a test changes: written, with its hash, a one-day range. */
const terms = (basis: LegalDemandBasis, over: Partial<DemandTerms> = {}): DemandTerms => ({
  basis,
  issuerType: I.COURT,
  categories: [C.NAME],
  channel: DemandChannel.WRITTEN,
  documentSha256: HASH,
  authorisationReference: [B.SV_126NF, B.SV_126NG, B.COURT_ORDER].includes(basis) ? "RC-2026-0042" : null,
  range: { from: at(1), to: at(2) },
  preservationDays: basis === B.SV_126NI ? 30 : null,
  ...over,
});

test("every basis × issuer type × category: accepted, or refused with exactly the reasons the law gives", () => {
  let cases = 0;
  for (const basis of Object.values(B)) {
    for (const issuerType of Object.values(I)) {
      for (const category of ALL) {
        const expected = [
          ...(LAW[basis].issuers.includes(issuerType) ? [] : [DemandRefusal.ISSUER_TOO_LOW]),
          ...(LAW[basis].categories.includes(category) ? [] : [DemandRefusal.CATEGORY_NOT_COVERED]),
        ];
        assert.deepEqual(demandRefusals(terms(basis, { issuerType, categories: [category] })), expected, `${basis} ${issuerType} ${category}`);
        cases++;
      }
    }
  }
  assert.equal(cases, 8 * 4 * 10);
});

test("oral demands: only 126nd and 126ni (written copy due later); a written one needs its document's hash", () => {
  for (const basis of Object.values(B)) {
    const oral = demandRefusals(terms(basis, { channel: DemandChannel.ORAL, documentSha256: null }));
    assert.deepEqual(oral, basis === B.SV_126ND || basis === B.SV_126NI ? [] : [DemandRefusal.ORAL_NOT_ALLOWED], basis);
  }
  assert.deepEqual(demandRefusals(terms(B.SV_126NC, { documentSha256: null })), [DemandRefusal.DOCUMENT_HASH_MISSING]);
});

test("IP addresses, account activity and payments need a time range, whatever the basis; a range must run forward", () => {
  for (const category of ALL) {
    const refused = demandRefusals(terms(B.SV_126ND, { categories: [category], range: null }));
    const needs = [C.IP_ADDRESS, C.ACCOUNT_ACTIVITY, C.PAYMENT].includes(category);
    assert.deepEqual(refused, needs ? [DemandRefusal.TIME_RANGE_REQUIRED] : [], category);
  }
  assert.deepEqual(demandRefusals(terms(B.SV_126ND, { range: { from: at(2), to: at(1) } })), [DemandRefusal.TIME_RANGE_INVERTED]);
});

test("126nf, 126ng and a court order need an authorisation reference; 126ne a window of at most 4 weeks", () => {
  for (const basis of [B.SV_126NF, B.SV_126NG, B.COURT_ORDER]) {
    assert.deepEqual(demandRefusals(terms(basis, { authorisationReference: "  " })), [DemandRefusal.AUTHORISATION_MISSING], basis);
  }
  assert.deepEqual(demandRefusals(terms(B.SV_126NE, { range: { from: at(1), to: at(29) } })), [], "28 days");
  assert.deepEqual(demandRefusals(terms(B.SV_126NE, { range: { from: at(1), to: new Date(at(29).getTime() + 1) } })), [DemandRefusal.FUTURE_WINDOW_TOO_LONG]);
  assert.deepEqual(demandRefusals(terms(B.SV_126NE, { range: null })), [DemandRefusal.TIME_RANGE_REQUIRED], "a window is a range");
});

test("126ni preserves for at most 90 days; no other basis has a preservation period", () => {
  assert.deepEqual(demandRefusals(terms(B.SV_126NI, { preservationDays: 90 })), []);
  assert.deepEqual(demandRefusals(terms(B.SV_126NI, { preservationDays: 91 })), [DemandRefusal.PRESERVATION_TOO_LONG]);
  assert.deepEqual(demandRefusals(terms(B.SV_126NI, { preservationDays: null })), [DemandRefusal.PRESERVATION_PERIOD_MISSING]);
  assert.deepEqual(demandRefusals(terms(B.SV_126ND, { preservationDays: 30 })), [DemandRefusal.PRESERVATION_NOT_APPLICABLE]);
});

test("every reason at once, each once, in a stable order", () => {
  const all = demandRefusals(terms(B.SV_126NF, {
    issuerType: I.POLICE_OFFICER, categories: [C.IP_ADDRESS], channel: DemandChannel.ORAL, documentSha256: null,
    authorisationReference: null, range: null, preservationDays: 5,
  }));
  assert.deepEqual(all, [DemandRefusal.ISSUER_TOO_LOW, DemandRefusal.ORAL_NOT_ALLOWED, DemandRefusal.TIME_RANGE_REQUIRED,
    DemandRefusal.AUTHORISATION_MISSING, DemandRefusal.PRESERVATION_NOT_APPLICABLE]);
  assert.deepEqual(demandRefusals(terms(B.SV_126NC, { categories: [] })), [DemandRefusal.NO_CATEGORIES]);
});
