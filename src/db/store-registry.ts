import type { MixedList, EntitySchema } from "typeorm";
import type { StoreName } from "../config/config";
import { CustomerEntity } from "../sources/crm/customer.entity";
import { InvoiceEntity } from "../sources/billing/invoice.entity";
import { PaymentEntity } from "../sources/billing/payment.entity";
import { PaymentMethodEntity } from "../sources/billing/payment-method.entity";
import { AccountEntity } from "../sources/auth/account.entity";
import { LoginEventEntity } from "../sources/auth/login-event.entity";
import { AccessLogEntity } from "../sources/weblog/access-log.entity";
import { GatewayMetaEntity } from "./gateway-meta.entity";
import { SubjectDirectiveEntity } from "../rights/choices/subject-directive.entity";
import { CreateCrm1700000000001 } from "../../migrations/crm/1700000000001-create-crm";
import { CreateBilling1700000000002 } from "../../migrations/billing/1700000000002-create-billing";
import { CreateAuth1700000000003 } from "../../migrations/auth/1700000000003-create-auth";
import { CreateWeblog1700000000004 } from "../../migrations/weblog/1700000000004-create-weblog";
import { CreatePrivacy1700000000005 } from "../../migrations/privacy/1700000000005-create-privacy";
import { AuditTrail1700000000006 } from "../../migrations/privacy/1700000000006-audit-trail";
import { SubjectState1700000000007 } from "../../migrations/privacy/1700000000007-subject-state";
import { RightsRequests1700000000008 } from "../../migrations/privacy/1700000000008-rights-requests";
import { RightsRequestEntity } from "../rights/requests/rights-request.entity";
import { RightsRequestTaskEntity } from "../rights/requests/rights-request-task.entity";
import { LegalHoldEntity } from "../holds/legal-hold.entity";
import { LegalHolds1700000000009 } from "../../migrations/privacy/1700000000009-legal-holds";
import { StatementPrecondition1700000000010 } from "../../migrations/privacy/1700000000010-statement-precondition";
import { HoldKinds1700000000011 } from "../../migrations/privacy/1700000000011-hold-kinds";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Migrations = MixedList<Function | string>;

/**
 * Which tables and migrations belong to which store. Each store is a separate database in production;
 * on the embedded engine they are schemas of one database, hence one migrations table per store.
 * Migration classes are imported explicitly: a `*.js` glob silently finds nothing when run from sources.
 */
export const STORES: Record<StoreName, { schema: string; entities: Entities; migrations: Migrations }> = {
  crm: { schema: "crm", entities: [CustomerEntity], migrations: [CreateCrm1700000000001] },
  billing: {
    schema: "billing",
    entities: [InvoiceEntity, PaymentEntity, PaymentMethodEntity],
    migrations: [CreateBilling1700000000002],
  },
  auth: { schema: "auth", entities: [AccountEntity, LoginEventEntity], migrations: [CreateAuth1700000000003] },
  weblog: { schema: "weblog", entities: [AccessLogEntity], migrations: [CreateWeblog1700000000004] },
  // privacy.audit_head/audit_event have no entities on purpose: only AuditRepository reads them, with plain
  // SQL, and their generated columns would make TypeORM keep a typeorm_metadata table to compare expressions.
  privacy: {
    schema: "privacy",
    entities: [GatewayMetaEntity, SubjectDirectiveEntity, RightsRequestEntity, RightsRequestTaskEntity, LegalHoldEntity],
    migrations: [CreatePrivacy1700000000005, AuditTrail1700000000006, SubjectState1700000000007, RightsRequests1700000000008, LegalHolds1700000000009, StatementPrecondition1700000000010,
      HoldKinds1700000000011],
  },
};
