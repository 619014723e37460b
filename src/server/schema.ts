import "reflect-metadata";
import { buildSchema, type ContainerType } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { SubjectResolver } from "../subject/subject.resolver";
import { DateTimeISO } from "../common/date-time.scalar";
import { SubjectPrivacyResolver } from "../rights/choices/subject-privacy.resolver";
import { SubjectHoldsResolver } from "../subject/subject-holds.resolver";
import { ChoicesResolver } from "../rights/choices/choices.resolver";
import { AuditResolver } from "../audit/audit.resolver";
import { AccessReportResolver } from "../rights/access-report/access-report.resolver";
import { SubjectRetentionResolver } from "../rights/access-report/subject-retention.resolver";
import { SubjectProcessingResolver } from "../rights/access-report/subject-processing.resolver";
import { RectificationResolver } from "../rights/rectification/rectification.resolver";
import { RightsRequestResolver } from "../rights/requests/rights-request.resolver";
import { ErasureResolver } from "../rights/erasure/erasure.resolver";
import { LegalDemandResolver } from "../disclosure/legal-demand.resolver";
import { DisclosureResolver } from "../disclosure/disclosure.resolver";
import { RetentionResolver } from "../retention/retention.resolver";
import { LitigationHoldResolver } from "../retention/litigation-hold.resolver";
import { StatementResolver } from "../statement/statement.resolver";

/** Every resolver class of the API. The SDL in schema/schema.graphql is emitted from exactly this list. */
export const RESOLVERS = [
  SubjectResolver,
  SubjectPrivacyResolver,
  SubjectHoldsResolver,
  ChoicesResolver,
  AccessReportResolver,
  SubjectRetentionResolver,
  SubjectProcessingResolver,
  RectificationResolver,
  ErasureResolver,
  RightsRequestResolver,
  LegalDemandResolver,
  DisclosureResolver,
  RetentionResolver,
  LitigationHoldResolver,
  StatementResolver,
  AuditResolver,
] as const;

/**
 * Builds the executable schema. The container supplies resolver instances with their services; building
 * needs no container (resolvers are instantiated lazily), which is how the SDL is emitted without a database.
 */
export function buildGatewaySchema(container?: ContainerType): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, container, validate: false, scalarsMap: [{ type: Date, scalar: DateTimeISO }] });
}
