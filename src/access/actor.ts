import type { Purpose } from "../policy/purposes";
import type { Role } from "../policy/roles";

/** Who asks for a change, as the resolver reads it from the request context; recorded and audited. */
export interface Actor {
  /** Token `sub`. */
  actor: string;
  role: Role;
  /** The request's effective purpose. */
  purpose: Purpose;
  requestId: string;
}

/** The actor of a request, from its context (resolvers pass it on to the rights and disclosure services). */
export const actorOf = (ctx: { principal: { actor: string; role: Role }; purpose: Purpose; requestId: string }): Actor => ({
  actor: ctx.principal.actor,
  role: ctx.principal.role,
  purpose: ctx.purpose,
  requestId: ctx.requestId,
});
