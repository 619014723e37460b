import type { Role } from "../policy/roles";

/** Who is calling, as established by a verified token. */
export interface Principal {
  /** Token `sub`: a staff member's id, or the customer's login id. */
  actor: string;
  role: Role;
  /** For role `customer`: the only subject this caller may read. */
  subjectId: string | null;
}
