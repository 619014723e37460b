import { CUSTOMER_BY_IDS_SQL, ERASE_CUSTOMER_SQL, type CustomerRecord } from "../src/sources/crm/crm.adapter";
import { ACCOUNT_SQL, ERASE_ACCOUNTS_SQL, type AccountRecord } from "../src/sources/auth/auth.adapter";
import { ERASE_ACCESS_LOG_SQL } from "../src/sources/weblog/weblog.adapter";
import { BILLING_INVENTORY_SQL, ERASE_BILLING_SQL, type BillingInventoryRow } from "../src/sources/billing/billing.adapter";
import { billingHolds, decideBilling } from "../src/rights/erasure/erasure-plan";
import { utcDate } from "../src/policy/retention";
import { q } from "./raw-db";
import { UPSERT_SQL, upsertParams } from "../src/holds/legal-hold.repository";

/**
 * POST /erase {id}: the erasure without the gateway — the issue's baseline, "the same deletes as one raw SQL
 * transaction per source". It reads what the plan reads (customer; account and billing inventory by customer
 * number, the two concurrently) and decides what billing keeps with the plan's own pure function
 * (decideBilling: fiscal retention judged on today's UTC date). Then, in the gateway's order, one
 * auto-committed statement (= one transaction) per source: the legal holds upserted on the privacy store,
 * the crm customer, the auth login events + account, the weblog access log, and billing's payment methods
 * and expired invoices/payments (held ones excluded by the statement itself). The statements are the
 * adapters' exported ones with the same parameters.
 *
 * NOT done here (the gateway does it, so it is part of what the ratio measures): the plan's evidence counts
 * (login events, access-log lines) and its question to the hold register (holds in force on the customer's
 * billing records), the rights request, its five tasks and their settling, the durable jobs (pg-boss), and the
 * audit entries. The baseline runs the
 * source statements one after another; the gateway runs its four source steps at once. (Retention's
 * contract-end baseline, raw-retention.ts, runs the same plan and steps in the contract-end rule's order.) A subject
 * without a crm row is an error here (the gateway would look for the customer number among earlier holds).
 */

// The hold register's own statement, so both sides write the same rows the same way.
const UPSERT_HOLDS_SQL = UPSERT_SQL;

type Counts = Record<string, number>;

/** What the raw erasure reads and decides before it deletes (retention's contract-end baseline reuses it). */
export type RawPlan = Awaited<ReturnType<typeof rawPlan>>;

/** `today`: the UTC date fiscal retention is judged on (the erase scenario: now; retention: the run's day). */
export async function rawPlan(rawId: string, today: string = utcDate(new Date())) {
  const subjectId = rawId.toLowerCase();
  const [customer] = await q<CustomerRecord>("crm", CUSTOMER_BY_IDS_SQL, [[subjectId]]);
  if (!customer) throw new Error("raw erase: no such subject");
  const cn = customer.customerNumber;
  const [[account], inventory] = await Promise.all([
    q<AccountRecord | undefined>("auth", ACCOUNT_SQL, [[cn]]),
    q<BillingInventoryRow>("billing", BILLING_INVENTORY_SQL, [cn]),
  ]);
  const billing = decideBilling(inventory, today);
  return { subjectId, customer, cn, accountIds: account ? [account.id] : [], billing };
}

/** One statement per source, each its own transaction (the adapters' statements and parameters). */
export const rawSteps = {
  async holds(p: RawPlan): Promise<void> {
    if (p.billing.holds.length > 0) {
      await q("privacy", UPSERT_HOLDS_SQL, upsertParams({ subjectId: p.subjectId, requestId: null, customerNumber: p.cn }, billingHolds(p.billing.holds)));
    }
  },
  async crm(p: RawPlan): Promise<Counts> {
    const [crm] = await q<{ n: number }>("crm", ERASE_CUSTOMER_SQL, [p.customer.id]);
    return { customer: crm.n };
  },
  async auth(p: RawPlan): Promise<Counts> {
    const [auth] = p.accountIds.length ? await q<Counts>("auth", ERASE_ACCOUNTS_SQL, [p.accountIds, [], []]) : [{ login_event: 0, account: 0 }];
    return auth;
  },
  async weblog(p: RawPlan): Promise<Counts> {
    const [weblog] = p.accountIds.length ? await q<{ n: number }>("weblog", ERASE_ACCESS_LOG_SQL, [p.accountIds, []]) : [{ n: 0 }];
    return { access_log: weblog.n };
  },
  async billing(p: RawPlan): Promise<Counts> {
    const held = (type: string) => p.billing.holds.filter((h) => h.recordType === type).map((h) => h.recordId);
    const [bill] = await q<Counts>("billing", ERASE_BILLING_SQL, [p.cn, p.billing.invoiceIds, p.billing.paymentIds, held("invoice"), held("payment")]);
    return bill;
  },
};

export async function rawErase(rawId: string) {
  const p = await rawPlan(rawId);
  await rawSteps.holds(p);
  const crm = await rawSteps.crm(p);
  const auth = await rawSteps.auth(p);
  const weblog = await rawSteps.weblog(p);
  const bill = await rawSteps.billing(p);
  return { erase: { subjectId: p.subjectId, erased: { ...crm, ...auth, ...weblog, ...bill }, kept: p.billing.holds.length } };
}
