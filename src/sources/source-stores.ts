import type { SourceName } from "../config/config";
import type { StoreContent } from "../db/data-sources";
import { CustomerEntity } from "./crm/customer.entity";
import { InvoiceEntity } from "./billing/invoice.entity";
import { PaymentEntity } from "./billing/payment.entity";
import { PaymentMethodEntity } from "./billing/payment-method.entity";
import { AccountEntity } from "./auth/account.entity";
import { LoginEventEntity } from "./auth/login-event.entity";
import { AccessLogEntity } from "./weblog/access-log.entity";
import { CreateCrm1700000000001 } from "../../migrations/crm/1700000000001-create-crm";
import { CreateBilling1700000000002 } from "../../migrations/billing/1700000000002-create-billing";
import { CreateAuth1700000000003 } from "../../migrations/auth/1700000000003-create-auth";
import { CreateWeblog1700000000004 } from "../../migrations/weblog/1700000000004-create-weblog";

/** Each source service's store: its tables and migrations (part of the store registry, src/server/store-registry.ts). */
export const SOURCE_STORES: Record<SourceName, StoreContent> = {
  crm: { schema: "crm", entities: [CustomerEntity], migrations: [CreateCrm1700000000001] },
  billing: {
    schema: "billing",
    entities: [InvoiceEntity, PaymentEntity, PaymentMethodEntity],
    migrations: [CreateBilling1700000000002],
  },
  auth: { schema: "auth", entities: [AccountEntity, LoginEventEntity], migrations: [CreateAuth1700000000003] },
  weblog: { schema: "weblog", entities: [AccessLogEntity], migrations: [CreateWeblog1700000000004] },
};
