import { GraphQLError } from "graphql";
import type { Principal } from "../auth/principal";
import { AuditAction, type AuditRecorder } from "../audit/audit-entry";
import { isPurpose } from "../policy/purposes";
import { effectivePurpose } from "./declared-purpose";
import { RequestEnforcer, type LoadSubjectChoices } from "./request-enforcer";
import type { ViewRegistry } from "./purpose-view";
import type { RequestContext } from "./request-context";

/**
 * Builds the context of one request from its authenticated principal and declared purpose: the purpose
 * is resolved against the policy (a refusal is audited here, because it happens before execution and the
 * audit plugin never sees it), then the enforcer for that purpose is made. `extend` adds the parts that
 * layers above access own (loaders), made fresh per request.
 */
export class RequestContextBuilder<E extends object> {
  constructor(
    private readonly views: ViewRegistry,
    private readonly loadChoices: LoadSubjectChoices,
    private readonly audit: AuditRecorder,
    private readonly extend: () => E,
  ) {}

  async build(principal: Principal, requestId: string, declaredPurpose: string | string[] | undefined): Promise<RequestContext & E> {
    let purpose;
    try {
      purpose = effectivePurpose(principal, declaredPurpose);
    } catch (err) {
      const code = err instanceof GraphQLError ? String(err.extensions.code) : "UNKNOWN";
      // The purpose attempted, when the policy knows it (an arbitrary header value is never recorded).
      const declared = String(declaredPurpose ?? "").trim();
      const attempted = isPurpose(declared) ? declared : null;
      await this.audit.record([{ action: AuditAction.DENIED, actor: principal.actor, role: principal.role, purpose: attempted,
        subjectId: null, requestId, detail: { codes: [code] } }]);
      throw err;
    }
    return {
      requestId,
      principal,
      purpose,
      enforcer: new RequestEnforcer(principal, purpose, this.views, this.loadChoices),
      ...this.extend(),
    };
  }
}
