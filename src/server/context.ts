import type { Principal } from "../auth/principal";
import type { Purpose } from "../policy/purposes";
import type { RequestEnforcer } from "../access/request-enforcer";
import type { SubjectLoaders } from "../subject/subject.loaders";

/** Everything a resolver may use for one request. Built per request; nothing in it outlives the request. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  /** The effective purpose: declared in x-purpose, or implied by the role. */
  purpose: Purpose;
  /** Applies the policy to everything this request reads, and remembers what it read (for the audit). */
  enforcer: RequestEnforcer;
  loaders: SubjectLoaders;
}
