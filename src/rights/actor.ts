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
