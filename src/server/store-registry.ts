import type { StoreRegistry } from "../db/data-sources";
import { GatewayMetaEntity } from "../db/gateway-meta.entity";
import { SOURCE_STORES } from "../sources/source-stores";
import { SubjectDirectiveEntity } from "../rights/choices/subject-directive.entity";
import { RightsRequestEntity } from "../rights/requests/rights-request.entity";
import { RightsRequestTaskEntity } from "../rights/requests/rights-request-task.entity";
import { LegalHoldEntity } from "../holds/legal-hold.entity";
import { CreatePrivacy1700000000005 } from "../../migrations/privacy/1700000000005-create-privacy";
import { AuditTrail1700000000006 } from "../../migrations/privacy/1700000000006-audit-trail";
import { SubjectState1700000000007 } from "../../migrations/privacy/1700000000007-subject-state";
import { RightsRequests1700000000008 } from "../../migrations/privacy/1700000000008-rights-requests";
import { LegalHolds1700000000009 } from "../../migrations/privacy/1700000000009-legal-holds";
import { StatementPrecondition1700000000010 } from "../../migrations/privacy/1700000000010-statement-precondition";
import { HoldKinds1700000000011 } from "../../migrations/privacy/1700000000011-hold-kinds";
import { LegalDemands1700000000012 } from "../../migrations/privacy/1700000000012-legal-demands";
import { Disclosures1700000000013 } from "../../migrations/privacy/1700000000013-disclosures";
import { ErasedDirective1700000000014 } from "../../migrations/privacy/1700000000014-erased-directive";
import { RetentionRuns1700000000015 } from "../../migrations/privacy/1700000000015-retention-runs";
import { LitigationHolds1700000000016 } from "../../migrations/privacy/1700000000016-litigation-holds";
import { ConsentGiven1700000000017 } from "../../migrations/privacy/1700000000017-consent-given";
import { PrivacyStatements1700000000018 } from "../../migrations/privacy/1700000000018-privacy-statements";

/**
 * Which tables and migrations belong to which store, given to `Databases.create`: the sources' stores, and
 * the gateway's own privacy store, whose tables belong to the features that keep their state there
 * (directives, rights requests, holds, legal demands, the audit trail).
 */
export const STORE_REGISTRY: StoreRegistry = {
  ...SOURCE_STORES,
  // privacy.audit_head/audit_event have no entities on purpose: only AuditRepository reads them, with plain
  // SQL, and their generated columns would make TypeORM keep a typeorm_metadata table to compare expressions.
  privacy: {
    schema: "privacy",
    entities: [GatewayMetaEntity, SubjectDirectiveEntity, RightsRequestEntity, RightsRequestTaskEntity, LegalHoldEntity],
    migrations: [
      CreatePrivacy1700000000005,
      AuditTrail1700000000006,
      SubjectState1700000000007,
      RightsRequests1700000000008,
      LegalHolds1700000000009,
      StatementPrecondition1700000000010,
      HoldKinds1700000000011,
      LegalDemands1700000000012,
      Disclosures1700000000013,
      ErasedDirective1700000000014,
      RetentionRuns1700000000015,
      LitigationHolds1700000000016,
      ConsentGiven1700000000017,
      PrivacyStatements1700000000018,
    ],
  },
};
