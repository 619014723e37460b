import DataLoader from "dataloader";
import type { Sources } from "../sources/sources";
import type { CustomerRecord } from "../sources/crm/crm.adapter";
import type { InvoiceRecord, PaymentMethodRecord, PaymentRecord } from "../sources/billing/billing.adapter";
import type { AccountRecord, LoginEventRecord } from "../sources/auth/auth.adapter";
import type { AccessLogRecord, AccessLogWindow } from "../sources/weblog/weblog.adapter";

/**
 * Per-request loaders: every source is asked once per request and field, whatever the number of subjects
 * in the response, so the statement count of `subjects(first: 100)` equals that of `first: 10`.
 */
export function createSubjectLoaders(sources: Sources) {
  return {
    customer: new DataLoader<string, CustomerRecord | null>((ids) => sources.crm.findByIds(ids)),
    invoices: new DataLoader<string, InvoiceRecord[]>((c) => sources.billing.invoicesByCustomer(c)),
    payments: new DataLoader<string, PaymentRecord[]>((c) => sources.billing.paymentsByCustomer(c)),
    paymentMethods: new DataLoader<string, PaymentMethodRecord[]>((c) => sources.billing.paymentMethodsByCustomer(c)),
    account: new DataLoader<string, AccountRecord | null>((c) => sources.auth.accountsByCustomer(c)),
    loginEvents: windowedLoader<number, LoginEventRecord>((ids, limit) => sources.auth.loginEventsByAccount(ids, limit)),
    accessLog: windowedLoader<AccessLogWindow, AccessLogRecord>((ids, w) => sources.weblog.pagesByAccount(ids, w)),
  };
}

export type SubjectLoaders = ReturnType<typeof createSubjectLoaders>;

/**
 * A loader keyed by (id, window): keys that share a window (page size, time range, cursor) are fetched in
 * one statement; different windows in the same tick become one statement each.
 */
function windowedLoader<W, R>(fetch: (ids: readonly string[], window: W) => Promise<R[][]>) {
  return new DataLoader<{ id: string; window: W }, R[], string>(
    (keys) => {
      const groups = new Map<string, { window: W; ids: string[]; at: number[] }>();
      keys.forEach((k, i) => {
        const wk = JSON.stringify(k.window);
        const g = groups.get(wk) ?? { window: k.window, ids: [], at: [] };
        g.ids.push(k.id);
        g.at.push(i);
        groups.set(wk, g);
      });
      // The usual batch has one window (every subject asked the same page): its pages are the answer as
      // they come, without the regrouping below and its promises (a full profile pays for this twice).
      if (groups.size === 1) return fetch(keys.map((k) => k.id), keys[0].window);
      const out = new Array<R[]>(keys.length);
      return Promise.all(
        [...groups.values()].map((g) =>
          fetch(g.ids, g.window).then((pages) => g.at.forEach((pos, j) => (out[pos] = pages[j]))),
        ),
      ).then(() => out);
    },
    { cacheKeyFn: (k) => `${k.id}|${JSON.stringify(k.window)}` },
  );
}
