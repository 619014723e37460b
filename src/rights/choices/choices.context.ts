import DataLoader from "dataloader";
import type { RequestContext } from "../../access/request-context";
import type { SubjectPrivacyStatus } from "./privacy-status.type";

/** Where the subject's choices of a request come from (the gateway's own store), for all subjects at once. */
export interface PrivacyStatuses {
  statusesFor(subjectIds: readonly string[]): Promise<SubjectPrivacyStatus[]>;
}

/** The per-request loader of the subjects' choices: one statement for every subject of the response. */
export const createPrivacyStatusLoader = (choices: PrivacyStatuses) =>
  new DataLoader<string, SubjectPrivacyStatus>((ids) => choices.statusesFor(ids));

/** The request context as the choice fields on Subject see it. */
export interface ChoicesContext extends RequestContext {
  privacyStatus: ReturnType<typeof createPrivacyStatusLoader>;
}
