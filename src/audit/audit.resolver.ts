import { Args, Query, Resolver } from "type-graphql";
import { AuditEventConnection } from "./audit-event-connection.type";
import { AuditIntegrity } from "./audit-integrity.type";
import { AuditTrailArgs } from "./audit-trail.args";
import { AuditService } from "./audit.service";

/**
 * Thin, and without access checks on purpose: graphql-shield admits only the audit capability (generated
 * from the policy). The queries are nullable so that a refusal nulls only them, not the whole response.
 */
@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, { nullable: true, description: "The audit trail, newest first (privacy officer)" })
  auditTrail(@Args() { first, after, ...filter }: AuditTrailArgs) {
    return this.audit.trail(filter, first, after);
  }

  @Query(() => AuditIntegrity, {
    nullable: true,
    description: "Re-verifies the whole audit chain; names the first broken entry (privacy officer)",
  })
  auditIntegrity() {
    return this.audit.verify();
  }
}
