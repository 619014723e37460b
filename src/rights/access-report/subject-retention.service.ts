import { systemClock, type Clock } from "../../common/clock";
import { NO_RECORDS } from "../../common/record-span";
import { deletionDay } from "../../policy/retention";
import type { CustomerRecord } from "../../sources/crm/crm.adapter";
import type { RetentionContext } from "./retention.context";
import { categoryFacts, retentionByCategory } from "./report-categories";
import type { SubjectRetention } from "./subject-retention.type";

/**
 * `Subject.retention`: per category of the policy, until when the subject's data is kept and why — computed by
 * the access report's own functions (categoryFacts, retentionByCategory) from the subject's records, read through
 * the request's loaders (shared with the Subject's other fields, batched over every subject of the response), with
 * the day the retention run deletes it. Judged on the gateway's clock, like the report.
 */
export class SubjectRetentionService {
  constructor(private readonly clock: Clock = systemClock) {}

  async of(customer: CustomerRecord, ctx: RetentionContext): Promise<SubjectRetention[]> {
    const { loaders, activitySpans } = ctx;
    const cn = customer.customerNumber;
    const [invoices, payments, paymentMethods, account] = await Promise.all([
      loaders.invoices.load(cn),
      loaders.payments.load(cn),
      loaders.paymentMethods.load(cn),
      loaders.account.load(cn),
    ]);
    const [loginEvents, accessLog] = account
      ? await Promise.all([activitySpans.loginEvents.load(account.id), activitySpans.accessLog.load(account.id)])
      : [NO_RECORDS, NO_RECORDS];
    const facts = categoryFacts({ customer, account, invoices, payments, paymentMethods, loginEvents, accessLog });
    return retentionByCategory(facts, this.clock.now()).map(({ category, retention }) => ({
      category,
      rule: retention.rule,
      reason: retention.reason,
      keptUntil: retention.until,
      deletedOn: retention.until === null ? null : deletionDay(retention.until),
      explanation: retention.explanation,
    }));
  }
}
