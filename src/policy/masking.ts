import { isIPv4, isIPv6 } from "node:net";
import { routeTemplate } from "./route-template";

/**
 * How a masked (M) cell of the matrix shows a field. Fields name their role inside a category with a tag
 * (see field-classification.ts); a mask keeps, transforms or withholds fields by tag. Withheld fields are
 * null with PURPOSE_NOT_ALLOWED, so the caller knows why.
 */
export enum FieldTag {
  /** An IP address. */
  IP = "IP",
  /** A bank account number. */
  IBAN = "IBAN",
  /** Card data (brand, last four digits). */
  CARD = "CARD",
  /** A web-log path: names invoices, domains and searches of the subject (see route-template.ts). */
  PATH = "PATH",
  /** The account a login event belongs to. */
  ACCOUNT_ID = "ACCOUNT_ID",
  /** Invoice or payment status. */
  STATUS = "STATUS",
  /** Money amounts, rates and currency. */
  AMOUNT = "AMOUNT",
  /** Invoice numbers and the invoice a payment settles. */
  REFERENCE = "REFERENCE",
}

export enum MaskName {
  /** ORDERS: status and amounts only; no IBAN or card data, no billing name or address. */
  PAYMENT_SUMMARY = "PAYMENT_SUMMARY",
  /** ANALYTICS, IMPROVEMENT: login events without the account id; web-log paths as route templates. */
  ACTIVITY_DEIDENTIFIED = "ACTIVITY_DEIDENTIFIED",
  /** ANALYTICS, IMPROVEMENT: IPv4 truncated to /24, IPv6 to /48. */
  IP_PREFIX = "IP_PREFIX",
}

export type Transform = (value: unknown) => unknown;

export interface MaskRule {
  description: string;
  /** Fields with these tags are withheld; `allBut` withholds every field of the category without one of those tags. */
  withhold: readonly FieldTag[] | { allBut: readonly FieldTag[] };
  transform: Partial<Record<FieldTag, Transform>>;
}

/** 192.0.2.77 → 192.0.2.0; 2001:db8:1234:5678::1 → 2001:db8:1234::. Anything else is withheld (null). */
export function truncateIp(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (isIPv4(value)) return value.split(".").slice(0, 3).concat("0").join(".");
  if (isIPv6(value)) return `${expandIpv6(value).slice(0, 3).join(":")}::`;
  return null;
}

function expandIpv6(value: string): string[] {
  const [head, tail = ""] = value.split("::");
  const h = head ? head.split(":") : [];
  const t = value.includes("::") && tail ? tail.split(":") : [];
  const groups = value.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.map((g) => (g.includes(".") ? g : g.replace(/^0+(?=.)/, "").toLowerCase()));
}

/** NL91ABNA0417164300 → NL** **** **** **** 4300: country and last four kept (SPEC §3). */
export function maskIban(value: unknown): string | null {
  if (typeof value !== "string" || value.length < 8) return null;
  const compact = value.replace(/\s+/g, "");
  return `${compact.slice(0, 2)}** **** **** **** ${compact.slice(-4)}`;
}

export const MASKS: Readonly<Record<MaskName, MaskRule>> = {
  PAYMENT_SUMMARY: {
    description: "Status and amounts only; IBAN shown as country and last four, no card data",
    withhold: { allBut: [FieldTag.STATUS, FieldTag.AMOUNT, FieldTag.REFERENCE, FieldTag.IBAN] },
    transform: { IBAN: maskIban },
  },
  ACTIVITY_DEIDENTIFIED: {
    description: "Without the account id; web addresses as their route only (`/facturen/:invoice.pdf`: no invoice numbers, domain names or searches)",
    withhold: [FieldTag.ACCOUNT_ID],
    transform: { PATH: routeTemplate },
  },
  IP_PREFIX: {
    description: "IPv4 truncated to /24, IPv6 to /48",
    withhold: [],
    transform: { IP: truncateIp },
  },
};
