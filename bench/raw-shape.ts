import type { CustomerRecord } from "../src/sources/crm/crm.adapter";
import type { InvoiceRecord, PaymentMethodRecord, PaymentRecord } from "../src/sources/billing/billing.adapter";
import type { AccountRecord, LoginEventRecord } from "../src/sources/auth/auth.adapter";
import type { AccessLogRecord } from "../src/sources/weblog/weblog.adapter";
import { IP_LOG_FIRST } from "./scenarios";

/**
 * Hand-written assembly of the JSON the gateway returns under `data`: what a developer without GraphQL would
 * write. Only what GraphQL does by itself is reproduced (enum names, Date → ISO string, cursors, page info);
 * nothing is checked (no auth, no policy): the raw server is the lower bound.
 */

/** The Gender enum's API names for the values crm stores. */
const GENDER: Record<string, string> = { F: "FEMALE", M: "MALE", X: "X" };

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const cursor = (kind: string, payload: string) => Buffer.from(`${kind}:${payload}`, "utf8").toString("base64url");

/** The records of one subject in the other sources; `log` holds up to IP_LOG_FIRST + 1 rows. */
export interface SubjectParts {
  account: AccountRecord | null;
  logins: LoginEventRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  methods: PaymentMethodRecord[];
  log: AccessLogRecord[];
}

export function subjectJson(c: CustomerRecord, p: SubjectParts) {
  const nodes = p.log.slice(0, IP_LOG_FIRST);
  const edges = nodes.map((l) => ({
    cursor: cursor("log", `${l.occurredAt.toISOString()}|${l.id}`),
    node: {
      id: l.id,
      occurredAt: l.occurredAt.toISOString(),
      ip: l.ip,
      method: l.method,
      path: l.path,
      status: l.status,
      userAgent: l.userAgent,
    },
  }));
  const a = p.account;
  return {
    id: c.id,
    customerNumber: c.customerNumber,
    firstName: c.firstName,
    lastName: c.lastName,
    gender: c.gender === null ? null : (GENDER[c.gender] ?? null),
    phone: c.phone,
    email: c.email,
    notes: c.notes,
    contractStart: c.contractStart,
    contractEnd: c.contractEnd,
    address: { street: c.street, houseNumber: c.houseNumber, postalCode: c.postalCode, city: c.city, country: c.country },
    account: a && {
      id: a.id,
      username: a.username,
      mfaEnabled: a.mfaEnabled,
      createdAt: a.createdAt.toISOString(),
      lastLoginAt: iso(a.lastLoginAt),
    },
    loginEvents: p.logins.map((e) => ({
      id: e.id,
      accountId: e.accountId,
      occurredAt: e.occurredAt.toISOString(),
      ip: e.ip,
      success: e.success,
      userAgent: e.userAgent,
    })),
    invoices: p.invoices.map((i) => ({
      id: i.id,
      invoiceNumber: i.invoiceNumber,
      invoiceDate: i.invoiceDate,
      dueDate: i.dueDate,
      billingName: i.billingName,
      billingStreet: i.billingStreet,
      billingPostalCode: i.billingPostalCode,
      billingCity: i.billingCity,
      billingCountry: i.billingCountry,
      amountExclVat: i.amountExclVat,
      vatRate: i.vatRate,
      vatAmount: i.vatAmount,
      amountInclVat: i.amountInclVat,
      currency: i.currency,
      status: i.status,
    })),
    payments: p.payments.map((x) => ({
      id: x.id,
      invoiceId: x.invoiceId,
      paidAt: x.paidAt.toISOString(),
      amount: x.amount,
      method: x.method,
      reference: x.reference,
    })),
    paymentMethods: p.methods.map((m) => ({
      id: m.id,
      kind: m.kind,
      iban: m.iban,
      cardLast4: m.cardLast4,
      cardBrand: m.cardBrand,
      holderName: m.holderName,
      active: m.active,
      createdAt: m.createdAt.toISOString(),
    })),
    ipLog: {
      edges,
      pageInfo: { hasNextPage: p.log.length > IP_LOG_FIRST, endCursor: edges.at(-1)?.cursor ?? null },
    },
  };
}

/** The subjects connection: `rows` holds up to `first + 1` customers (the extra one only says "there is more"). */
export function connectionJson(rows: CustomerRecord[], first: number, bodies: ReturnType<typeof subjectJson>[]) {
  const edges = bodies.map((node, i) => ({ cursor: cursor("subject", rows[i].id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
