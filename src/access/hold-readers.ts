import { HoldKind } from "../holds/legal-hold";
import { LEGAL_HOLD_READERS } from "../policy/retention";
import { Capability, hasCapability } from "../policy/roles";
import type { RequestContext } from "./request-context";

const NO_HOLDS: readonly HoldKind[] = [];
const ALL_HOLDS: readonly HoldKind[] = Object.values(HoldKind);
const FISCAL_ONLY: readonly HoldKind[] = [HoldKind.FISCAL];

/**
 * Which kinds of hold on a subject's records the caller may see: the privacy officer every kind; the purposes that
 * may read held records (LEGAL_HOLD_READERS: the tax inspection) the fiscal holds, which are theirs to know; nobody
 * else any — a preservation order in particular is confidential (Sv 126bb).
 */
export function readableHoldKinds(ctx: Pick<RequestContext, "principal" | "purpose">): readonly HoldKind[] {
  if (hasCapability(ctx.principal.role, Capability.RIGHTS_ADMIN)) return ALL_HOLDS;
  return LEGAL_HOLD_READERS.includes(ctx.purpose) ? FISCAL_ONLY : NO_HOLDS;
}
