import type { CustomerRecord } from "../sources/crm/crm.adapter";
import type { SubjectLoaders } from "./subject.loaders";
import { assertPageSize, decodeCursor, encodeCursor } from "../common/cursor";
import { appError, ErrorCode } from "../errors/error-code";
import { MAX_PAGE_SIZE, type IpLogArgs } from "./subject.args";

const LOG_CURSOR = "log";

/** The subject's records in the other sources, reached through the request's loaders. */
export const subjectRecords = {
  account: (s: CustomerRecord, l: SubjectLoaders) => l.account.load(s.customerNumber),
  invoices: (s: CustomerRecord, l: SubjectLoaders) => l.invoices.load(s.customerNumber),
  payments: (s: CustomerRecord, l: SubjectLoaders) => l.payments.load(s.customerNumber),
  paymentMethods: (s: CustomerRecord, l: SubjectLoaders) => l.paymentMethods.load(s.customerNumber),

  async loginEvents(s: CustomerRecord, l: SubjectLoaders, first: number) {
    assertPageSize(first, MAX_PAGE_SIZE);
    const account = await l.account.load(s.customerNumber);
    return account ? l.loginEvents.load({ id: account.id, window: first }) : [];
  },

  async ipLog(s: CustomerRecord, l: SubjectLoaders, args: IpLogArgs) {
    assertPageSize(args.first, MAX_PAGE_SIZE);
    const after = args.after ? decodeLogPosition(args.after) : null;
    if (args.from && args.to && args.from >= args.to) {
      throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "from" must be before "to"');
    }
    const account = await l.account.load(s.customerNumber);
    const window = { limit: args.first, after, from: args.from ?? null, to: args.to ?? null };
    const rows = account ? await l.accessLog.load({ id: account.id, window }) : [];
    const nodes = rows.slice(0, args.first);
    const edges = nodes.map((node) => ({
      cursor: encodeCursor(LOG_CURSOR, `${node.occurredAt.toISOString()}|${node.id}`),
      node,
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
  },
};

function decodeLogPosition(cursor: string) {
  const [iso, id] = decodeCursor(LOG_CURSOR, cursor).split("|");
  const occurredAt = new Date(iso);
  if (!id || Number.isNaN(occurredAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "after" is not a valid cursor');
  }
  return { occurredAt, id };
}
