import { assertPageSize, decodePosition, encodePosition, PLAIN_CURSORS, type Position } from "../../common/cursor";
import { deadlineFlags } from "./request-rules";
import {
  AP_COMPLAINT_ROUTE,
  dueSoonSince,
  RequestStatus,
  type RightsRequest,
  type RightsRequestView,
} from "./rights-request";
import type { RequestSql } from "./rights-request.sql";
import { assertId } from "../../common/uuid";
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
    after ? dueAtPosition(decodePosition(PLAIN_CURSORS, REQUEST_CURSOR, after)) : null,
  );
  const nodes = await toViews(sql, rows.slice(0, first), now);
  const edges = nodes.map((node) => ({ cursor: encodePosition(PLAIN_CURSORS, REQUEST_CURSOR, node.dueAt, node.id), node }));
  return pageOf(edges, rows.length, first);
}

const dueAtPosition = ({ at, id }: Position) => ({ dueAt: at, id });
