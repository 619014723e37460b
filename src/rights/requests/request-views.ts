import { assertPageSize, decodeCursor, encodeCursor } from "../../common/cursor";
import { appError, ErrorCode } from "../../errors/error-code";
import { deadlineFlags } from "./request-rules";
import {
  AP_COMPLAINT_ROUTE,
  dueSoonSince,
  RequestStatus,
  type RightsRequest,
  type RightsRequestView,
} from "./rights-request";
import type { RequestSql } from "./rights-request.sql";
import { assertId, isUuid } from "../../common/uuid";
import { pageOf, type Page } from "../../common/page";

export const MAX_REQUEST_PAGE_SIZE = 100;
const REQUEST_CURSOR = "rights-request";

/** The officer's worklist filters (SPEC §5: open, due-soon, overdue). Omitted or null: no filter. */
export interface RequestListFilter {
  status?: RequestStatus | null;
  /** true: RECEIVED, VERIFIED or IN_PROGRESS; false: COMPLETED or REJECTED. */
  open?: boolean | null;
  subjectId?: string | null;
  /** Deadline strictly before this instant. */
  dueBefore?: Date | null;
  /** true: open and past the deadline; false: all others. */
  overdue?: boolean | null;
  /** true: open and at day 21 or later (overdue ones included); false: all others. */
  dueSoon?: boolean | null;
}

export type RequestPage = Page<RightsRequestView>;

/** A stored request as shown at `now`: deadline flags, the complaint route when refused, its tasks. */
export async function toViews(sql: RequestSql, requests: readonly RightsRequest[], now: Date): Promise<RightsRequestView[]> {
  const tasks = requests.length ? await sql.tasksOf(requests.map((r) => r.id)) : [];
  return requests.map((r) => ({
    ...r,
    ...deadlineFlags(r, now),
    complaintRoute: r.status === RequestStatus.REJECTED ? AP_COMPLAINT_ROUTE : null,
    tasks: tasks.filter((t) => t.requestId === r.id),
  }));
}

/** One page of the worklist, most urgent deadline first; the cursor is the (dueAt, id) of the last row. */
export async function listPage(
  sql: RequestSql,
  filter: RequestListFilter,
  first: number,
  after: string | null | undefined,
  now: Date,
): Promise<RequestPage> {
  assertPageSize(first, MAX_REQUEST_PAGE_SIZE);
  if (filter.subjectId) assertId(filter.subjectId, "subjectId", "subject");
  const rows = await sql.page(
    {
      status: filter.status ?? null,
      open: filter.open ?? null,
      subjectId: filter.subjectId?.toLowerCase() ?? null,
      dueBefore: filter.dueBefore ?? null,
      overdue: filter.overdue ?? null,
      dueSoon: filter.dueSoon ?? null,
      dueSoonSince: dueSoonSince(now),
      now,
    },
    first + 1,
    after ? decodeAfter(after) : null,
  );
  const nodes = await toViews(sql, rows.slice(0, first), now);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(REQUEST_CURSOR, `${node.dueAt.toISOString()}|${node.id}`), node }));
  return pageOf(edges, rows.length, first);
}

function decodeAfter(cursor: string): { dueAt: Date; id: string } {
  const [at, id] = decodeCursor(REQUEST_CURSOR, cursor).split("|");
  const dueAt = new Date(at ?? "");
  if (!id || !isUuid(id) || Number.isNaN(dueAt.getTime())) {
    throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "after" is not a valid cursor');
  }
  return { dueAt, id };
}
