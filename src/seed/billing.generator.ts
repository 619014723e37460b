import type { SeededRandom } from "./seeded-random";
import type { InvoiceRow, InvoiceStatus, PaymentMethodRow, PaymentRow } from "./demo-data.types";
import type { CustomerProfile } from "./customer.generator";
import { PLAN_PRICES_CENTS } from "./dutch-lists";
import { creditorReference, holderName, nlIban } from "./dutch-data";
import { DAY, HOUR, dateOf, isoDate, isoTime, parseDate, startOfDay, yearOf } from "./seed-time";

export interface BillingData {
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  paymentMethods: PaymentMethodRow[];
  /** Invoice numbers per customer number, so access-log lines can open the customer's own invoices. */
  invoiceNumbers: Map<string, string[]>;
}

const VAT_RATE_PERCENT = 21;
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/**
 * Hosting is billed yearly on the contract anniversary: one invoice per contract year up to the contract end
 * (or today). Old invoices are paid, a few recent ones are open or overdue, and a handful were credited.
 */
export function generateBilling(rng: SeededRandom, customers: readonly CustomerProfile[], nowMs: number): BillingData {
  const today = startOfDay(nowMs);
  const invoices: InvoiceRow[] = [];
  const payments: PaymentRow[] = [];
  const paymentMethods: PaymentMethodRow[] = [];
  for (const customer of customers) {
    const methods = paymentMethodsFor(rng, customer, nowMs);
    paymentMethods.push(...methods);
    let plan = rng.weighted(PLAN_PRICES_CENTS.map((p, i) => [PLAN_PRICES_CENTS.length - i, i] as const));
    const startDate = new Date(customer.startMs);
    for (let year = yearOf(customer.startMs); year <= yearOf(today); year++) {
      const date = dateOf(year, startDate.getUTCMonth() + 1, startDate.getUTCDate());
      if (date > today || (customer.endMs !== null && date > customer.endMs)) break;
      if (rng.chance(0.08)) plan = Math.min(plan + 1, PLAN_PRICES_CENTS.length - 1); // an upgrade now and then
      const invoice = invoiceRow(rng, customer, date, PLAN_PRICES_CENTS[plan], today);
      invoices.push(invoice);
      if (invoice.status === "PAID") payments.push(paymentFor(rng, invoice, methods, nowMs));
    }
  }
  return { invoices, payments, paymentMethods, invoiceNumbers: numberInvoices(invoices) };
}

/** Invoice numbers run per calendar year in date order, like an accounting system assigns them. */
function numberInvoices(invoices: InvoiceRow[]): Map<string, string[]> {
  const ordered = [...invoices].sort(
    (a, b) => a.invoiceDate.localeCompare(b.invoiceDate) || a.customerNumber.localeCompare(b.customerNumber),
  );
  const perYear = new Map<string, number>();
  const byCustomer = new Map<string, string[]>();
  for (const invoice of ordered) {
    const year = invoice.invoiceDate.slice(0, 4);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    invoice.invoiceNumber = `${year}-${String(seq).padStart(6, "0")}`;
    byCustomer.set(invoice.customerNumber, [...(byCustomer.get(invoice.customerNumber) ?? []), invoice.invoiceNumber]);
  }
  return byCustomer;
}

function statusFor(rng: SeededRandom, date: number, today: number): InvoiceStatus {
  const age = (today - date) / DAY;
  if (rng.chance(0.015)) return "CREDITED";
  if (age < 1) return "OPEN";
  if (age <= 14) return rng.chance(0.6) ? "OPEN" : "PAID";
  if (age <= 90) return rng.chance(0.2) ? "OVERDUE" : "PAID";
  return age <= 365 && rng.chance(0.02) ? "OVERDUE" : "PAID";
}

function invoiceRow(rng: SeededRandom, c: CustomerProfile, date: number, exclCents: number, today: number): InvoiceRow {
  const moved = c.previous !== null && date < c.previous.movedOnMs;
  const addr = moved && c.previous ? c.previous : c.row;
  const vatCents = Math.round((exclCents * VAT_RATE_PERCENT) / 100);
  return {
    id: rng.uuid(),
    invoiceNumber: "", // numbered per year once all invoices exist
    customerNumber: c.row.customerNumber,
    invoiceDate: isoDate(date),
    dueDate: isoDate(date + 14 * DAY),
    billingName: `${c.row.firstName} ${c.row.lastName}`,
    billingStreet: `${addr.street} ${addr.houseNumber}`,
    billingPostalCode: addr.postalCode,
    billingCity: addr.city,
    billingCountry: addr.country,
    amountExclVat: money(exclCents),
    vatRate: `${VAT_RATE_PERCENT}.00`,
    vatAmount: money(vatCents),
    amountInclVat: money(exclCents + vatCents),
    currency: "EUR",
    status: statusFor(rng, date, today),
  };
}

function paymentFor(rng: SeededRandom, invoice: InvoiceRow, methods: PaymentMethodRow[], nowMs: number): PaymentRow {
  const date = parseDate(invoice.invoiceDate);
  // Paid within a few days, never in the future (statusFor only marks invoices paid from a day old).
  const paidAt = rng.between(date + HOUR, Math.min(date + 12 * DAY, nowMs - 60_000));
  const method = methods.filter((m) => Date.parse(m.createdAt) <= paidAt).pop() ?? methods[0];
  const kind = method.kind === "IBAN"
    ? rng.weighted<PaymentRow["method"]>([[6, "SEPA_DD"], [3, "IDEAL"], [1, "BANK_TRANSFER"]])
    : rng.weighted<PaymentRow["method"]>([[6, "CARD"], [3, "IDEAL"]]);
  const reference = kind === "SEPA_DD" || kind === "BANK_TRANSFER" ? creditorReference(rng) : `NL-PAY-${rng.digits(12)}`;
  return { id: rng.uuid(), invoiceId: invoice.id, customerNumber: invoice.customerNumber, paidAt: isoTime(paidAt), amount: invoice.amountInclVat, method: kind, reference };
}

/** One or two payment methods; when there are two, the newer replaced the older one. */
function paymentMethodsFor(rng: SeededRandom, c: CustomerProfile, nowMs: number): PaymentMethodRow[] {
  const lastMs = c.endMs ?? nowMs;
  const first = c.startMs + rng.between(9 * HOUR, 20 * HOUR);
  const times = rng.chance(0.3) && lastMs - c.startMs > 60 * DAY ? [first, rng.between(first + 30 * DAY, lastMs - DAY)] : [first];
  return times.map((createdMs, i) => {
    const holder = holderName(rng, c.row.firstName, c.row.lastName);
    // Only the newest method is in use, and not at all once the contract has ended.
    const active = i === times.length - 1 && c.endMs === null;
    const base = { id: rng.uuid(), customerNumber: c.row.customerNumber, holderName: holder, active, createdAt: isoTime(Math.min(createdMs, nowMs - HOUR)) };
    if (rng.chance(0.65)) {
      return { ...base, kind: "IBAN", iban: nlIban(rng), cardToken: null, cardLast4: null, cardBrand: null };
    }
    const brand = rng.weighted<"VISA" | "MASTERCARD">([[55, "VISA"], [45, "MASTERCARD"]]);
    return { ...base, kind: "CARD", iban: null, cardToken: `tok_${rng.alnum(24)}`, cardLast4: rng.digits(4), cardBrand: brand };
  });
}
