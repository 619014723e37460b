import type { Principal } from "../auth/principal";
import type { Purpose } from "../policy/purposes";
import type { RequestEnforcer } from "./request-enforcer";

/**
 * What every resolver, permission rule and plugin may use for one request: who asks, for which purpose,
 * and the enforcer that applies that purpose to everything read. Built per request by
 * RequestContextBuilder; nothing in it outlives the request. Layers above add their own per-request parts
 * (the subject's loaders, the choices loader) by extending it beside their resolvers.
 */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  /** The effective purpose: declared in x-purpose, or implied by the role. */
  purpose: Purpose;
  /** Applies the policy to everything this request reads, and remembers what it read (for the audit). */
  enforcer: RequestEnforcer;
}
