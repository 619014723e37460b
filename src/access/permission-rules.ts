import { allow, deny, rule } from "graphql-shield";
import type { IRule } from "graphql-shield";
import type { GraphQLResolveInfo } from "graphql";
import { appError, ErrorCode } from "../errors/error-code";
import { StoreUnavailableError } from "../db/store-error";
import type { DataCategory } from "../policy/categories";
import { Capability, hasCapability } from "../policy/roles";
import { readableHoldKinds } from "./hold-readers";
import { Purpose } from "../policy/purposes";
import type { RequestContext } from "./request-context";
import { VIEW, type PurposeView } from "./purpose-view";
import { subjectReach } from "./subject-reach";

/** A rule as graphql-shield accepts it in a rule map (its own union type is not exported). */
export type ShieldRule = IRule | typeof allow | typeof deny;

const forbidden = (message: string) => appError(ErrorCode.FORBIDDEN, message);
// What a subject's own token gets once its subject is erased: the same as when crm no longer has it.
const gone = () => appError(ErrorCode.NOT_FOUND, "No such subject");
/** The subject itself (its own token) or a privacy officer, for this subject only. */
const ownOrAdmin = (args: { subjectId?: unknown }, ctx: RequestContext): true | Error =>
  (hasCapability(ctx.principal.role, Capability.RIGHTS_ADMIN) || subjectReach.hasOwnSubject(ctx.principal)) &&
  subjectReach.canReach(ctx.principal, args.subjectId)
    ? true
    : forbidden("Only the data subject or a privacy officer may do this for this subject");
/** `check` for a caller who may reach; a subject's own token whose subject was erased (a hold keeps its record) reaches nothing. */
const unlessErased = (ctx: RequestContext, check: true | Error): true | Error | Promise<true | Error> =>
  check === true && subjectReach.hasOwnSubject(ctx.principal)
    ? ctx.enforcer.ownSubjectErased().then((erased) => (erased ? gone() : true), unavailable)
    : check;
// A rule answers with its error (one thrown inside a rule would lose its code): the store that did not answer.
const unavailable = (err: unknown): Error => {
  if (err instanceof StoreUnavailableError) return appError(ErrorCode.SOURCE_UNAVAILABLE, `The ${err.source} service is unavailable; try again later`, { source: err.source });
  throw err;
};
type Parent = { [VIEW]?: PurposeView } | undefined;

/**
 * The named rules, each created once (shield caches results by rule name, so a name must mean one rule).
 * Rules that read arguments use `no_cache`: they are cheaper than shield's "strict" cache key, which hashes
 * parent and arguments with object-hash on every call (measured, bench/).
 * Rules return `true` or a coded GraphQLError; the error becomes the field's error and the field is null.
 */
export const RULES = {
  /** Authentication already happened when the context was built; some fields need nothing more. */
  authenticated: allow,
  ownSubjectToken: rule("own-subject-token", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
    unlessErased(ctx, subjectReach.hasOwnSubject(ctx.principal) || forbidden("`me` is only available to customer tokens")),
  ),
  subjectInReach: rule("subject-in-reach", { cache: "no_cache" })((_p, args: { id?: unknown }, ctx: RequestContext) =>
    !subjectReach.canLookUp(ctx.purpose)
      ? forbidden(`Purpose ${ctx.purpose} works on pseudonymous data: list subjects instead of looking one up by id`)
      : unlessErased(ctx, subjectReach.canReach(ctx.principal, args.id) || forbidden("You may only read your own data")),
  ),
  staffList: rule("staff-list", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
    subjectReach.canList(ctx.principal) || forbidden("Listing subjects is for staff only"),
  ),
  /** Rights exercised on `subjectId`: by the data subject itself, or by the privacy officer on anyone. */
  ownSubjectOrRightsAdmin: rule("own-subject-or-rights-admin", { cache: "no_cache" })(
    (_p, args: { subjectId?: unknown }, ctx: RequestContext) => unlessErased(ctx, ownOrAdmin(args, ctx)),
  ),
  /**
   * Erasure, by the same callers. Without the erased-subject check: the erasure reads crm and the hold register
   * itself, and erasing a subject whose record a hold keeps again deletes nothing more; the check would cost the
   * erasure path a statement (bench/RESULTS.md).
   */
  erasureByOwnSubjectOrRightsAdmin: rule("erasure-by-own-subject-or-rights-admin", { cache: "no_cache" })(
    (_p, args: { subjectId?: unknown }, ctx: RequestContext) => ownOrAdmin(args, ctx),
  ),
  /**
   * Rights requests: the privacy officer sees all of them; a customer token its own subject's (the service
   * narrows the list and the lookup to it: requestScopeOf). A `subjectId` filter naming another subject is refused.
   */
  rightsAdminOrOwnRequests: rule("rights-admin-or-own-requests", { cache: "no_cache" })(
    (_p, args: { subjectId?: unknown }, ctx: RequestContext) => {
      if (hasCapability(ctx.principal.role, Capability.RIGHTS_ADMIN)) return true;
      if (!subjectReach.hasOwnSubject(ctx.principal)) return forbidden("Rights requests are handled by the privacy officer");
      const named = args.subjectId == null || subjectReach.canReach(ctx.principal, args.subjectId);
      return unlessErased(ctx, named || forbidden("You may only read your own requests"));
    },
  ),
  rightsAdmin: rule("capability-rights-admin", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
    hasCapability(ctx.principal.role, Capability.RIGHTS_ADMIN) || forbidden("Rights requests are handled by the privacy officer"),
  ),
  /** Records legal demands and executes approved ones: the legal officer. */
  legalOfficer: rule("capability-legal-demands", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
    hasCapability(ctx.principal.role, Capability.LEGAL_DEMANDS) || forbidden("Legal demands are recorded by the legal officer"),
  ),
  /** The register of legal demands: the legal officer who records them and the privacy officer who decides them. */
  demandRegister: rule("demand-register", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
    mayReadDemands(ctx) || forbidden("Legal demands are for the legal officer and the privacy officer"),
  ),
  auditor: rule("capability-audit", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
    hasCapability(ctx.principal.role, Capability.AUDIT) || forbidden("The audit trail is for the privacy officer"),
  ),
} satisfies Record<string, ShieldRule>;

export type RootRuleName = keyof typeof RULES;

const nestedRules = new Map<string, ShieldRule>();

/**
 * A nested field of an assembled type (Subject.invoices …) is resolved only if the parent's view can read
 * at least one category below it; otherwise it is null with the reason, and its source is never queried.
 * One rule per category set, reused by every field that carries that set.
 */
export function mayReadNested(categories: ReadonlySet<DataCategory>): ShieldRule {
  const name = `may-read:${[...categories].sort().join("+")}`;
  let r = nestedRules.get(name);
  if (!r) {
    r = rule(name, { cache: "no_cache" })((parent: Parent, _a, _c, info: GraphQLResolveInfo) => {
      const view = parent?.[VIEW];
      if (!view) return appError(ErrorCode.PURPOSE_NOT_ALLOWED, `${info.parentType.name}.${info.fieldName}: not assembled by the policy`);
      return view.checkNested(info.parentType.name, info.fieldName, categoriesTypeOf(info));
    });
    nestedRules.set(name, r);
  }
  return r;
}

/** A field of the legal-demand register, wherever it is reached: the legal officer and the privacy officer only. */
export const demandRecord: ShieldRule = rule("demand-record", { cache: "contextual" })((_p, _a, ctx: RequestContext) =>
  mayReadDemands(ctx) || forbidden("Legal demands are for the legal officer and the privacy officer"),
);

function mayReadDemands(ctx: RequestContext): boolean {
  return hasCapability(ctx.principal.role, Capability.LEGAL_DEMANDS) || hasCapability(ctx.principal.role, Capability.RIGHTS_ADMIN);
}

/** The holds on a subject's records: the privacy officer, and the purposes that read held records (fiscal holds only: hold-readers.ts). */
export const holdRecord: ShieldRule = rule("hold-record", { cache: "contextual" })(
  (_p, _a, ctx: RequestContext, info: GraphQLResolveInfo) =>
    readableHoldKinds(ctx).length > 0 ||
    appError(ErrorCode.PURPOSE_NOT_ALLOWED, `${info.parentType.name}.${info.fieldName}: for the privacy officer and purpose ${Purpose.LEGAL_TAX}`, {
      field: `${info.parentType.name}.${info.fieldName}`,
      purpose: ctx.purpose,
    }),
);

/** The gateway's own records about a subject (consents, objections…) are for DATA_SUBJECT_RIGHTS only. */
export const privacyRecord: ShieldRule = rule("privacy-record", { cache: "no_cache" })(
  (_p, _a, ctx: RequestContext, info: GraphQLResolveInfo) =>
    ctx.purpose === Purpose.DATA_SUBJECT_RIGHTS ||
    appError(ErrorCode.PURPOSE_NOT_ALLOWED, `${info.parentType.name}.${info.fieldName}: only for purpose ${Purpose.DATA_SUBJECT_RIGHTS}`, {
      field: `${info.parentType.name}.${info.fieldName}`,
      purpose: ctx.purpose,
    }),
);

/**
 * The access report's download route (outside GraphQL), checked as the GraphQL field and its content are: the
 * root rule `ownSubjectOrRightsAdmin` (accessReport in root-permissions.ts), then the privacy-record rule of the
 * document and files (DATA_SUBJECT_RIGHTS only) — refused before anything is read, since a download has no
 * field to null.
 */
export async function accessReportDownloadAllowed(ctx: RequestContext, subjectId: string): Promise<true | Error> {
  const reach = await unlessErased(ctx, ownOrAdmin({ subjectId }, ctx));
  if (reach !== true) return reach;
  return ctx.purpose === Purpose.DATA_SUBJECT_RIGHTS ||
    appError(ErrorCode.PURPOSE_NOT_ALLOWED, `The access report is only for purpose ${Purpose.DATA_SUBJECT_RIGHTS}`, { purpose: ctx.purpose });
}

/** Which rights requests a caller sees: all of them (the privacy officer), or one subject's (its own token). */
export type RequestScope = { all: true } | { all: false; subjectId: string | null };

/** Deny by default: anyone but the privacy officer is limited to its own subject, and a token without one to none. */
export const requestScopeOf = (ctx: RequestContext): RequestScope =>
  hasCapability(ctx.principal.role, Capability.RIGHTS_ADMIN)
    ? { all: true }
    : { all: false, subjectId: subjectReach.hasOwnSubject(ctx.principal) ? ctx.principal.subjectId : null };

export { allow, deny };

function categoriesTypeOf(info: GraphQLResolveInfo): string {
  let t = info.returnType as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as typeof t;
  return t.name ?? "";
}
