import type { SourceName } from "../config/config";
import type { DataSources } from "../db/data-sources";
import { CrmAdapter } from "./crm/crm.adapter";
import { BillingAdapter } from "./billing/billing.adapter";
import { AuthAdapter } from "./auth/auth.adapter";
import { WeblogAdapter } from "./weblog/weblog.adapter";

/** One adapter per service. Everything above this layer speaks records, never tables. */
export interface Sources {
  crm: CrmAdapter;
  billing: BillingAdapter;
  auth: AuthAdapter;
  weblog: WeblogAdapter;
}

export function createSources(ds: Pick<DataSources, SourceName>): Sources {
  return {
    crm: new CrmAdapter(ds.crm),
    billing: new BillingAdapter(ds.billing),
    auth: new AuthAdapter(ds.auth),
    weblog: new WeblogAdapter(ds.weblog),
  };
}
