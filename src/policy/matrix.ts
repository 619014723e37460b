import { DataCategory } from "./categories";
import { LawfulBasis, Purpose } from "./purposes";
import { MaskName } from "./masking";

/** One cell of the purpose × category matrix: allowed as is, or allowed through a mask. */
export interface MatrixCell {
  access: "ALLOW" | "MASK";
  mask?: MaskName;
  /** The basis this cell rests on: CONSENT cells end when consent is withdrawn, LEGITIMATE_INTEREST cells
   *  end for a subject who objects to the purpose. */
  basis: LawfulBasis;
}

const { CONSENT, CONTRACT, LEGAL_OBLIGATION, LEGITIMATE_INTEREST } = LawfulBasis;
const allow = (basis: LawfulBasis): MatrixCell => ({ access: "ALLOW", basis });
const mask = (m: MaskName, basis: LawfulBasis): MatrixCell => ({ access: "MASK", mask: m, basis });

/**
 * SPEC §3, purpose × category. A missing cell is a denial (deny by default). LEGAL_DISCLOSURE has no cells:
 * police and justice receive data only through an approved legal demand, never through a subject query.
 */
export const PURPOSE_MATRIX: Readonly<Record<Purpose, Partial<Record<DataCategory, MatrixCell>>>> = {
  WEBSITE: {
    NAME: allow(CONTRACT),
    EMAIL: allow(CONTRACT),
    CREDENTIALS: allow(CONTRACT),
    ACCOUNT_ACTIVITY: allow(LEGITIMATE_INTEREST),
    IP_ADDRESS: allow(LEGITIMATE_INTEREST),
  },
  SERVICE_BILLING: {
    NAME: allow(CONTRACT),
    ADDRESS: allow(CONTRACT),
    GENDER: allow(CONSENT),
    PHONE: allow(CONTRACT),
    EMAIL: allow(CONTRACT),
    CREDENTIALS: allow(CONTRACT),
    PAYMENT: allow(LEGAL_OBLIGATION),
    OTHER: allow(CONTRACT),
  },
  ORDERS: {
    NAME: allow(CONTRACT),
    ADDRESS: allow(CONTRACT),
    PHONE: allow(CONTRACT),
    EMAIL: allow(CONTRACT),
    PAYMENT: mask(MaskName.PAYMENT_SUMMARY, CONTRACT),
    OTHER: allow(CONTRACT),
  },
  CONTACT: {
    NAME: allow(LEGITIMATE_INTEREST),
    GENDER: allow(CONSENT),
    PHONE: allow(LEGITIMATE_INTEREST),
    EMAIL: allow(LEGITIMATE_INTEREST),
    OTHER: allow(LEGITIMATE_INTEREST),
  },
  ANALYTICS: {
    ACCOUNT_ACTIVITY: mask(MaskName.ACTIVITY_DEIDENTIFIED, LEGITIMATE_INTEREST),
    IP_ADDRESS: mask(MaskName.IP_PREFIX, LEGITIMATE_INTEREST),
  },
  IMPROVEMENT: {
    ACCOUNT_ACTIVITY: mask(MaskName.ACTIVITY_DEIDENTIFIED, LEGITIMATE_INTEREST),
    IP_ADDRESS: mask(MaskName.IP_PREFIX, LEGITIMATE_INTEREST),
  },
  LEGAL_TAX: {
    NAME: allow(LEGAL_OBLIGATION),
    ADDRESS: allow(LEGAL_OBLIGATION),
    EMAIL: allow(LEGAL_OBLIGATION),
    PAYMENT: allow(LEGAL_OBLIGATION),
  },
  LEGAL_DISCLOSURE: {},
  DATA_SUBJECT_RIGHTS: {
    NAME: allow(LEGAL_OBLIGATION),
    ADDRESS: allow(LEGAL_OBLIGATION),
    GENDER: allow(LEGAL_OBLIGATION),
    PHONE: allow(LEGAL_OBLIGATION),
    EMAIL: allow(LEGAL_OBLIGATION),
    CREDENTIALS: allow(LEGAL_OBLIGATION),
    ACCOUNT_ACTIVITY: allow(LEGAL_OBLIGATION),
    PAYMENT: allow(LEGAL_OBLIGATION),
    IP_ADDRESS: allow(LEGAL_OBLIGATION),
    OTHER: allow(LEGAL_OBLIGATION),
  },
};
