import { registerEnumType } from "type-graphql";
import { AuditAction } from "./audit-entry";

/**
 * The GraphQL face of AuditAction. Old entries keep their action forever, so values are only ever added:
 * removing one would make those entries unreadable through the API.
 */
registerEnumType(AuditAction, { name: "AuditAction", description: "What an audit entry records" });

export { AuditAction };
