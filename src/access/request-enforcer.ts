import DataLoader from "dataloader";
import type { CursorCodec } from "../common/cursor";
import type { Principal } from "../auth/principal";
import type { Purpose } from "../policy/purposes";
import { NO_CHOICES, type SubjectChoices } from "./subject-choices";
import { dependsOnSubjectChoices } from "./category-decision";
import type { Projected, PurposeView, ViewRegistry } from "./purpose-view";
import type { DataCategory } from "../policy/categories";
import { ReadLog } from "./read-log";
import { ROLE_GRANTS } from "../policy/roles";
import { appError, ErrorCode } from "../errors/error-code";

export type LoadSubjectChoices = (subjectIds: readonly string[]) => Promise<SubjectChoices[]>;

/**
 * Purpose limitation for one request: turns source records into projected objects through the view for
 * the request's purpose and each subject's choices in force, and logs what was read for the audit trail.
 * The subjects' choices are loaded in one batch per tick, and only when the purpose can be affected by them.
 */
export class RequestEnforcer {
  readonly reads = new ReadLog();
  /** This request's cursors: sealed for pseudonymous purposes, whose cursors must not carry a real id. */
  readonly cursors: CursorCodec;
  private readonly choices: DataLoader<string, SubjectChoices> | null;
  private readonly ownSubjectOnly: boolean;

  constructor(
    readonly principal: Principal,
    readonly purpose: Purpose,
    private readonly views: ViewRegistry,
    loadChoices: LoadSubjectChoices,
  ) {
    // A customer's own token also needs them: a subject erased while a hold keeps its record is not found by it.
    this.ownSubjectOnly = ROLE_GRANTS[principal.role].ownSubjectOnly;
    this.choices = dependsOnSubjectChoices(purpose) || this.ownSubjectOnly ? new DataLoader(loadChoices) : null;
    this.cursors = views.cursorsFor(purpose);
  }

  /**
   * Whether the caller is a subject's own token whose subject was erased while a hold keeps its crm record: it then
   * reaches nothing, as after any erasure (its choices are loaded once per request, and reused by `subject`).
   */
  async ownSubjectErased(): Promise<boolean> {
    const id = this.principal.subjectId;
    return this.ownSubjectOnly && this.choices !== null && id !== null && (await this.choices.load(id)).erased;
  }

  /**
   * The view of an approved legal demand (LEGAL_DISCLOSURE, exactly its categories): for the disclosure
   * service, which the permission rules admit only for the legal and privacy officers' operations on demands.
   */
  forDemand(categories: readonly DataCategory[]): PurposeView {
    return this.views.forDemand(categories);
  }

  async subject<T extends { id: string }>(record: T): Promise<Projected<T>> {
    const choices = this.choices ? await this.choices.load(record.id) : NO_CHOICES;
    if (choices.erased && this.ownSubjectOnly) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    const view = this.views.for(this.purpose, choices);
    this.reads.read(record.id, view);
    return view.project("Subject", record);
  }
}
