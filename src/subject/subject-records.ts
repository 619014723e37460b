import { SOURCE, VIEW, type Projected } from "../access/purpose-view";
import type { SubjectLoaders } from "./subject.loaders";
import type { SubjectObject } from "./subject.service";
import { assertPageSize, decodePosition, encodePosition } from "../common/cursor";
import { appError, ErrorCode } from "../errors/error-code";
import { MAX_PAGE_SIZE, type IpLogArgs } from "./subject.args";
import { pageOf } from "../common/page";

const LOG_CURSOR = "log";

/**
 * The subject's records in the other sources, reached through the request's loaders and shown through the
 * same view as the subject itself (its purpose and the subject's choices). The permission rules have already
 * refused nested fields of which no category is readable, so no source is asked for data nobody may see.
 */
export const subjectRecords = {
  address(s: SubjectObject) {
    const c = s[SOURCE];
    const address = { street: c.street, houseNumber: c.houseNumber, postalCode: c.postalCode, city: c.city, country: c.country };
    return s[VIEW].project("Address", address);
  },

  async account(s: SubjectObject, l: SubjectLoaders): Promise<Projected | null> {
    const account = await l.account.load(s[SOURCE].customerNumber);
    return account && s[VIEW].project("Account", account);
  },

  invoices: async (s: SubjectObject, l: SubjectLoaders) =>
    s[VIEW].projectAll("Invoice", await l.invoices.load(s[SOURCE].customerNumber)),
  payments: async (s: SubjectObject, l: SubjectLoaders) =>
    s[VIEW].projectAll("Payment", await l.payments.load(s[SOURCE].customerNumber)),
  paymentMethods: async (s: SubjectObject, l: SubjectLoaders) =>
    s[VIEW].projectAll("PaymentMethod", await l.paymentMethods.load(s[SOURCE].customerNumber)),

  async loginEvents(s: SubjectObject, l: SubjectLoaders, first: number) {
    assertPageSize(first, MAX_PAGE_SIZE);
    const account = await l.account.load(s[SOURCE].customerNumber);
    const rows = account ? await l.loginEvents.load({ id: account.id, window: first }) : [];
    return s[VIEW].projectAll("LoginEvent", rows);
  },

  async ipLog(s: SubjectObject, l: SubjectLoaders, args: IpLogArgs) {
    assertPageSize(args.first, MAX_PAGE_SIZE);
    const cursors = s[VIEW].cursors;
    const position = args.after ? decodePosition(cursors, LOG_CURSOR, args.after) : null;
    const after = position && { occurredAt: position.at, id: position.id };
    if (args.from && args.to && args.from >= args.to) {
      throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "from" must be before "to"');
    }
    const account = await l.account.load(s[SOURCE].customerNumber);
    const window = { limit: args.first, after, from: args.from ?? null, to: args.to ?? null };
    const rows = account ? await l.accessLog.load({ id: account.id, window }) : [];
    const nodes = rows.slice(0, args.first);
    const edges = nodes.map((node) => ({
      cursor: encodePosition(cursors, LOG_CURSOR, node.occurredAt, node.id),
      node: s[VIEW].project("IpLogEntry", node),
    }));
    return pageOf(edges, rows.length, args.first);
  },
};

