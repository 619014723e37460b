import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { TestGateway, type GraphQLResponse } from "../support/test-gateway";
import { createSubject, type SubjectFixture } from "../support/factories";
import { engineName } from "../support/test-databases";

/**
 * SPEC §3 as the test reads it, written out independently of src/policy: for every role × purpose × personal
 * field, a real query through HTTP must return the value, the masked value, or the right error.
 */
type Cell = "A" | "M" | "-";
const CATS = ["NAME", "ADDRESS", "GENDER", "PHONE", "EMAIL", "CREDENTIALS", "ACCOUNT_ACTIVITY", "PAYMENT", "IP_ADDRESS", "OTHER"] as const;
type Cat = (typeof CATS)[number];
const row = (s: string): Record<Cat, Cell> => Object.fromEntries(s.split(" ").map((c, i) => [CATS[i], c])) as Record<Cat, Cell>;
//                                  NAME ADDR GEND PHON MAIL CRED ACTV PAYM IP   OTHER
const SPEC: Record<string, Record<Cat, Cell>> = {
  WEBSITE: row("A - - - A A A - A -"),
  SERVICE_BILLING: row("A A A A A A - A - A"),
  ORDERS: row("A A - A A - - M - A"),
  CONTACT: row("A - A A A - - - - A"),
  ANALYTICS: row("- - - - - - M - M -"),
  IMPROVEMENT: row("- - - - - - M - M -"),
  LEGAL_TAX: row("A A - - A - - A - -"),
  LEGAL_DISCLOSURE: row("- - - - - - - - - -"),
  DATA_SUBJECT_RIGHTS: row("A A A A A A A A A A"),
};
const GRANTS: Record<string, string[]> = {
  customer: ["DATA_SUBJECT_RIGHTS"],
  support: ["CONTACT", "ORDERS", "WEBSITE"],
  billing: ["SERVICE_BILLING", "ORDERS"],
  analyst: ["ANALYTICS", "IMPROVEMENT"],
  finance: ["LEGAL_TAX"],
  privacy_officer: ["DATA_SUBJECT_RIGHTS"],
  legal_officer: ["LEGAL_DISCLOSURE"],
};

/** Every personal field the API has, by the path template it has in FULL and its category. */
const FIELDS: Record<string, Record<string, Cat>> = {
  Subject: { customerNumber: "NAME", firstName: "NAME", lastName: "NAME", gender: "GENDER", phone: "PHONE", email: "EMAIL", notes: "OTHER", contractStart: "OTHER", contractEnd: "OTHER" },
  Address: { street: "ADDRESS", houseNumber: "ADDRESS", postalCode: "ADDRESS", city: "ADDRESS", country: "ADDRESS" },
  Account: { id: "CREDENTIALS", username: "CREDENTIALS", mfaEnabled: "CREDENTIALS", createdAt: "CREDENTIALS", lastLoginAt: "ACCOUNT_ACTIVITY" },
  LoginEvent: { accountId: "ACCOUNT_ACTIVITY", occurredAt: "ACCOUNT_ACTIVITY", ip: "IP_ADDRESS", success: "ACCOUNT_ACTIVITY", userAgent: "ACCOUNT_ACTIVITY" },
  Invoice: Object.fromEntries(["invoiceNumber", "invoiceDate", "dueDate", "billingName", "billingStreet", "billingPostalCode", "billingCity", "billingCountry", "amountExclVat", "vatRate", "vatAmount", "amountInclVat", "currency", "status"].map((f) => [f, "PAYMENT" as Cat])),
  Payment: Object.fromEntries(["invoiceId", "paidAt", "amount", "method", "reference"].map((f) => [f, "PAYMENT" as Cat])),
  PaymentMethod: Object.fromEntries(["kind", "iban", "cardLast4", "cardBrand", "holderName", "active", "createdAt"].map((f) => [f, "PAYMENT" as Cat])),
  IpLogEntry: { occurredAt: "ACCOUNT_ACTIVITY", ip: "IP_ADDRESS", method: "ACCOUNT_ACTIVITY", path: "ACCOUNT_ACTIVITY", status: "ACCOUNT_ACTIVITY", userAgent: "ACCOUNT_ACTIVITY" },
};
const sel = (t: string) => Object.keys(FIELDS[t]).join(" ");
const FULL = `id ${sel("Subject")} address { ${sel("Address")} } account { ${sel("Account")} }
  loginEvents(first: 10) { id ${sel("LoginEvent")} } invoices { id ${sel("Invoice")} } payments { id ${sel("Payment")} }
  paymentMethods { id ${sel("PaymentMethod")} } ipLog(first: 5) { edges { cursor node { id ${sel("IpLogEntry")} } } }`;

/** Where each type's objects sit in the response, relative to the subject. */
const PLACES: [string, (s: any) => [(string | number)[], any][]][] = [
  ["Subject", (s) => [[[], s]]],
  ["Address", (s) => [[["address"], s.address]]],
  ["Account", (s) => [[["account"], s.account]]],
  ["LoginEvent", (s) => s.loginEvents.map((x: any, i: number) => [["loginEvents", i], x])],
  ["Invoice", (s) => s.invoices.map((x: any, i: number) => [["invoices", i], x])],
  ["Payment", (s) => s.payments.map((x: any, i: number) => [["payments", i], x])],
  ["PaymentMethod", (s) => s.paymentMethods.map((x: any, i: number) => [["paymentMethods", i], x])],
  ["IpLogEntry", (s) => s.ipLog.edges.map((x: any, i: number) => [["ipLog", "edges", i, "node"], x.node])],
];

/** Web-log paths as analysts see them (issue 16): the route, without invoice numbers, domains or ids. */
const ROUTES: Record<string, string> = {
  "/facturen/0": "/facturen/:id",
  "/facturen/1": "/facturen/:id",
  "/facturen/2025-000168.pdf": "/facturen/:invoice.pdf",
  "/domeinen/zoeken?q=devries-fietsen.nl": "/domeinen/zoeken?q=:value",
};
const DNS_ROUTE = "/api/dns/zones/:domain/records";

/** What an M cell shows, per SPEC §3: the value, a masked value, or withheld. */
function masked(purpose: string, type: string, field: string, cat: Cat, value: any): { value: any } | "withheld" {
  if (cat === "IP_ADDRESS") return { value: value.includes(":") ? value.split(":").slice(0, 3).join(":") + "::" : value.replace(/\.\d+$/, ".0") };
  if (cat === "ACCOUNT_ACTIVITY" && field === "path") return { value: ROUTES[value] ?? (value.startsWith("/api/dns/zones/") ? DNS_ROUTE : "unexpected path") };
  if (cat === "ACCOUNT_ACTIVITY") return field === "accountId" ? "withheld" : { value };
  if (cat === "PAYMENT" && purpose === "ORDERS") {
    if (field === "iban") return { value: value && `${value.slice(0, 2)}** **** **** **** ${value.slice(-4)}` };
    const kept = ["status", "active", "amountExclVat", "vatRate", "vatAmount", "amountInclVat", "currency", "amount", "invoiceNumber", "invoiceId"];
    return kept.includes(field) ? { value } : "withheld";
  }
  throw new Error(`no mask expected for ${purpose} ${cat}`);
}

/** Purposes that see every id as a keyed pseudonym (issue 16), so that results cannot be joined to a person. */
const PSEUDONYMOUS = ["ANALYTICS", "IMPROVEMENT"];
/** Every real id in a full profile: the subject's, its account's and its records'. */
const realIds = (s: any): string[] => [s.id, s.account.id, ...s.loginEvents.map((e: any) => e.id), ...s.invoices.map((e: any) => e.id),
  ...s.payments.map((e: any) => e.id), ...s.paymentMethods.map((e: any) => e.id), ...s.ipLog.edges.map((e: any) => e.node.id)];

const get = (obj: any, path: (string | number)[]) => path.reduce((o, k) => (o == null ? undefined : o[k]), obj);
const isPrefix = (p: readonly (string | number)[], of: readonly (string | number)[]) => p.length <= of.length && p.every((k, i) => k === of[i]);

describe(`purpose × category matrix, every role × purpose × field through HTTP (${engineName()})`, () => {
  let gw: TestGateway;
  let anne: SubjectFixture;
  let baseline: any;

  before(async () => {
    gw = await TestGateway.start();
    anne = await createSubject(gw.dbs.stores, { invoices: 2, loginEvents: 2, accessLogs: 2 });
    await gw.dbs.stores.billing.query(
      `INSERT INTO billing.payment_method (customer_number, kind, card_token, card_last4, card_brand, holder_name, created_at)
       VALUES ($1, 'CARD', 'tok_secret', '4242', 'VISA', 'A de Vries', now())`, [anne.customerNumber]);
    // Paths as real customers leave them: an invoice number, their own domain (their surname), a search.
    const paths = ["/facturen/2025-000168.pdf", `/api/dns/zones/${anne.lastName.toLowerCase().replace(/[^a-z]/g, "")}web.nl/records`, "/domeinen/zoeken?q=devries-fietsen.nl"];
    for (const [i, path] of paths.entries()) {
      await gw.dbs.stores.weblog.query(
        `INSERT INTO weblog.access_log (occurred_at, ip, method, path, status, user_agent, account_id)
         VALUES (now() - ($1 || ' minutes')::interval, '192.0.2.17', 'GET', $2, 200, 'Mozilla/5.0', $3)`, [String(10 + i), path, anne.accountId]);
    }
    const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { ${FULL} } }`, {
      ...(await gw.as("privacy_officer", "DATA_SUBJECT_RIGHTS")), variables: { id: anne.id } });
    assert.equal(res.body.errors, undefined);
    baseline = res.body.data.subject;
    assert.equal(baseline.paymentMethods.length, 2);
    assert.equal(baseline.loginEvents.length, 2);
    assert.equal(baseline.ipLog.edges.length, 5);
  });
  after(() => gw.close());

  for (const [role, granted] of Object.entries(GRANTS)) {
    for (const purpose of Object.keys(SPEC)) {
      const isGranted = granted.includes(purpose);
      test(`${role} × ${purpose}: ${isGranted ? "every field as SPEC §3 says" : "PURPOSE_NOT_GRANTED"}`, async () => {
        const customer = role === "customer";
        // Pseudonymous purposes cannot look a subject up by id (see below): they list; anne is the only subject.
        const pseudonymous = PSEUDONYMOUS.includes(purpose);
        const root = pseudonymous ? ["subjects", "edges", 0, "node"] : ["subject"];
        const query = pseudonymous ? `{ subjects(first: 1) { edges { node { ${FULL} } } } }` : `query($id: ID!) { subject(id: $id) { ${FULL} } }`;
        const res: GraphQLResponse<any> = await gw.graphql(query, {
          ...(await gw.as(role as any, customer && purpose === "DATA_SUBJECT_RIGHTS" ? undefined : purpose, customer ? anne.id : undefined)),
          variables: pseudonymous ? undefined : { id: anne.id } });
        if (!isGranted) {
          assert.equal(res.status, 403);
          assert.equal(res.body.errors?.[0].extensions?.code, "PURPOSE_NOT_GRANTED");
          assert.ok(!res.body.data, "no data at all");
          return;
        }
        const errors = res.body.errors ?? [];
        const explained = new Set<number>();
        const subject = get(res.body.data, root);
        if (pseudonymous) {
          assert.match(subject.id, /^ps_[0-9a-f]{32}$/, "a pseudonym, not the subject id");
          const body = JSON.stringify(res.body);
          const cursors = subject.ipLog.edges.map((e: any) => Buffer.from(e.cursor, "base64url").toString("latin1")).join(" ");
          for (const id of realIds(baseline)) {
            assert.ok(!body.includes(id) && !cursors.includes(id), `${role}/${purpose}: the real id ${id} appears nowhere`);
          }
          assert.ok(subject.loginEvents.every((e: any) => /^ps_[0-9a-f]{32}$/.test(e.id)));
        } else {
          assert.equal(subject.id, anne.id);
          assert.deepEqual(subject.loginEvents?.map((e: any) => e.id) ?? baseline.loginEvents.map((e: any) => e.id), baseline.loginEvents.map((e: any) => e.id));
        }
        for (const [type, places] of PLACES) {
          for (const [at, base] of places(baseline)) {
            if (base == null) continue;
            for (const [field, cat] of Object.entries(FIELDS[type])) {
              const path = [...root, ...at, field];
              const actual = get(res.body.data, path);
              const cell = SPEC[purpose][cat];
              const expect = cell === "A" ? { value: base[field] } : cell === "M" ? masked(purpose, type, field, cat, base[field]) : "withheld";
              if (expect !== "withheld") {
                assert.deepEqual(actual, expect.value, `${role}/${purpose} ${path.join(".")}`);
                continue;
              }
              assert.equal(actual ?? null, null, `${role}/${purpose} ${path.join(".")} must not be returned`);
              const i = errors.findIndex((e) => e.path && isPrefix(e.path, path) && e.extensions?.code === "PURPOSE_NOT_ALLOWED");
              assert.ok(i >= 0, `${role}/${purpose} ${path.join(".")}: a PURPOSE_NOT_ALLOWED error at the field or above`);
              explained.add(i);
              const e = errors[i];
              if (e.path!.length === path.length) assert.equal(e.extensions?.field, `${type}.${field}`, "the error names the field");
            }
          }
        }
        assert.deepEqual(errors.filter((_, i) => !explained.has(i)), [], "no other errors");
      });
    }
  }

  test("pseudonymous purposes cannot look a subject up by id: a real id would give back the person's pseudonym", async () => {
    for (const purpose of PSEUDONYMOUS) {
      const res = await gw.graphql<any>(`query($id: ID!) { subject(id: $id) { id loginEvents { occurredAt } } }`, {
        ...(await gw.as("analyst", purpose)), variables: { id: anne.id } });
      assert.equal(res.body.errors?.[0].extensions?.code, "FORBIDDEN", purpose);
      assert.equal(res.body.data?.subject ?? null, null);
      assert.doesNotMatch(JSON.stringify(res.body), /ps_[0-9a-f]{32}/, "no pseudonym comes back");
    }
  });

  test("a secret is never returned: card tokens have no field at all", () => {
    assert.doesNotMatch(JSON.stringify(baseline), /tok_secret/);
  });
});
