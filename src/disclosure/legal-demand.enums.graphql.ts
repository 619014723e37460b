import { registerEnumType } from "type-graphql";
import { DemandChannel, DemandRefusal, IssuerType, LegalDemandBasis } from "../policy/legal-bases";
import { LegalDemandStatus } from "./legal-demand";

registerEnumType(IssuerType, { name: "IssuerType", description: "Who issued a legal demand" });
registerEnumType(LegalDemandBasis, { name: "LegalDemandBasis", description: "The article a legal demand is made under" });
registerEnumType(DemandChannel, { name: "DemandChannel", description: "How a legal demand was received" });
registerEnumType(DemandRefusal, { name: "DemandRefusal", description: "Why a legal demand was refused (README: the law's table)" });
registerEnumType(LegalDemandStatus, { name: "LegalDemandStatus", description: "Where a legal demand is in its life" });

export { DemandChannel, DemandRefusal, IssuerType, LegalDemandBasis, LegalDemandStatus };
