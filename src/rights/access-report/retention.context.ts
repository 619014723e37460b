import DataLoader from "dataloader";
import type { SubjectContext } from "../../subject/subject.context";
import type { RecordSpan } from "../../common/record-span";

/** Where the span of an account's activity comes from (the auth and weblog adapters), for all accounts at once. */
export interface ActivitySpans {
  loginEventSpans(accountIds: readonly string[]): Promise<RecordSpan[]>;
  accessLogSpans(accountIds: readonly string[]): Promise<RecordSpan[]>;
}

/**
 * The per-request loaders of the accounts' activity spans (count, oldest, newest): one aggregate statement per
 * source for every subject of the response. Nothing is read unless `Subject.retention` is selected.
 */
export const createActivitySpanLoaders = (spans: ActivitySpans) => ({
  loginEvents: new DataLoader<string, RecordSpan>((ids) => spans.loginEventSpans(ids)),
  accessLog: new DataLoader<string, RecordSpan>((ids) => spans.accessLogSpans(ids)),
});

/** The request context as `Subject.retention` sees it: the subject's loaders plus the activity spans. */
export interface RetentionContext extends SubjectContext {
  activitySpans: ReturnType<typeof createActivitySpanLoaders>;
}
