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
 * source statements one after another; the gateway runs its four source steps at once. A subject
 * without a crm row is an error here (the gateway would look for the customer number among earlier holds).
 */

// The hold register's own statement, so both sides write the same rows the same way.
const UPSERT_HOLDS_SQL = UPSERT_SQL;

type Counts = Record<string, number>;

/** `today`: the UTC date fiscal retention is judged on (the erase scenario: now; retention: the run's day). */
export async function rawErase(rawId: string, today: string = utcDate(new Date())) {
  const subjectId = rawId.toLowerCase();
  const [customer] = await q<CustomerRecord>("crm", CUSTOMER_BY_IDS_SQL, [[subjectId]]);
  if (!customer) throw new Error("raw erase: no such subject");
  const cn = customer.customerNumber;
  const [[account], inventory] = await Promise.all([
    q<AccountRecord | undefined>("auth", ACCOUNT_SQL, [[cn]]),
    q<BillingInventoryRow>("billing", BILLING_INVENTORY_SQL, [cn]),
  ]);
  const billing = decideBilling(inventory, today);
  const held = (type: string) => billing.holds.filter((h) => h.recordType === type).map((h) => h.recordId);

  if (billing.holds.length > 0) {
    await q("privacy", UPSERT_HOLDS_SQL, upsertParams({ subjectId, requestId: null, customerNumber: cn }, billingHolds(billing.holds)));
  }
  const [crm] = await q<{ n: number }>("crm", ERASE_CUSTOMER_SQL, [customer.id]);
  const accountIds = account ? [account.id] : [];
  const [auth] = accountIds.length ? await q<Counts>("auth", ERASE_ACCOUNTS_SQL, [accountIds, [], []]) : [{ login_event: 0, account: 0 }];
  const [weblog] = accountIds.length ? await q<{ n: number }>("weblog", ERASE_ACCESS_LOG_SQL, [accountIds, []]) : [{ n: 0 }];
  const [bill] = await q<Counts>("billing", ERASE_BILLING_SQL, [cn, billing.invoiceIds, billing.paymentIds, held("invoice"), held("payment")]);
  return {
    erase: {
      subjectId,
      erased: { customer: crm.n, ...auth, access_log: weblog.n, ...bill },
      kept: billing.holds.length,
    },
  };
}
