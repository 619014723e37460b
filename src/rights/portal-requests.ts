import type { EntityManager } from "typeorm";
import type { AuditEntryInput } from "../audit/audit-entry";
import { isStaffRole } from "../policy/roles";
import type { Actor } from "../access/actor";
import type { RightsRequestType } from "./requests/rights-request";

/**
 * Registers a portal action done at once (SPEC §5: "portal actions create and complete their own request")
 * as a rights request stored COMPLETED (FULFILLED), appended with the action's own audit entries — in the
 * caller's transaction when `manager` is given. RequestWorkService satisfies it; injected, so the services
 * that act stay apart from the request machinery.
 */
export interface PortalRequests {
  fulfilled(actor: Actor, subjectId: string, type: RightsRequestType, entries: readonly AuditEntryInput[], manager?: EntityManager): Promise<string>;
}

/**
 * The subject acting in the portal on itself (the permission rules admit a customer on its own subject only).
 * Staff act on requests that came through other channels, which the officer registers and works.
 */
export const actsInPortal = (actor: Actor): boolean => !isStaffRole(actor.role);
