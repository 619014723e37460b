import { Field, ID, Int, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { DEMAND_REFUSAL_TEXT } from "../policy/legal-bases";
import { DemandRecord, NestedPersonalData, NotPersonalData } from "../policy/field-classification";
import { PageInfo } from "../common/page-info.type";
import { DemandChannel, DemandRefusal, IssuerType, LegalDemandBasis, LegalDemandStatus } from "./legal-demand.enums.graphql";
import type { ShownLegalDemand } from "./legal-demand";

/**
 * A legal demand as the register shows it to the legal officer and the privacy officer. Every field is
 * part of the register (who demanded what, about whom): readable by those two roles only, wherever it is reached.
 */
@ObjectType("LegalDemand", { simpleResolvers: true, description: "A police or justice demand and what became of it (SPEC §7)" })
export class LegalDemandView {
  @DemandRecord() @Field(() => ID) id: string;
  @DemandRecord() @Field(() => LegalDemandStatus) status: LegalDemandStatus;
  @DemandRecord() @Field(() => LegalDemandBasis) basis: LegalDemandBasis;
  @DemandRecord() @Field(() => IssuerType) issuerType: IssuerType;
  @DemandRecord() @Field(() => String, { description: "The issuing authority" }) authority: string;
  @DemandRecord() @Field(() => String) officerName: string;
  @DemandRecord() @Field(() => String, { description: "Badge or employee number" }) officerNumber: string;
  @DemandRecord() @Field(() => String, { description: "Parketnummer or proces-verbaal" }) caseReference: string;
  @DemandRecord() @Field(() => String, { nullable: true }) authorisationReference: string | null;
  @DemandRecord() @Field(() => ID, { nullable: true, description: "The one subject the demand named; null when it named none or several" })
  subjectId: string | null;
  @DemandRecord() @Field(() => [DataCategory]) categories: DataCategory[];
  @DemandRecord() @Field(() => Date, { nullable: true }) rangeFrom: Date | null;
  @DemandRecord() @Field(() => Date, { nullable: true }) rangeTo: Date | null;
  @DemandRecord() @Field(() => DemandChannel) channel: DemandChannel;
  @DemandRecord() @Field(() => Date) receivedAt: Date;
  @DemandRecord() @Field(() => String, { nullable: true, description: "SHA-256 of the written demand (the document is not stored)" })
  documentSha256: string | null;
  @DemandRecord() @Field(() => Date, { nullable: true, description: "Oral demands: when the written copy is due" }) writtenCopyDueAt: Date | null;
  @DemandRecord() @Field(() => Date, { nullable: true, description: "When the written copy was recorded" }) writtenCopyReceivedAt: Date | null;
  @DemandRecord() @Field(() => Boolean, { description: "An oral demand whose written copy is past due and not recorded" }) writtenCopyOverdue: boolean;
  @DemandRecord() @Field(() => Int, { nullable: true, description: "126ni: days the named data is preserved" }) preservationDays: number | null;
  @DemandRecord() @Field(() => [DemandRefusal], { description: "Why it was refused; empty unless REFUSED" }) refusals: DemandRefusal[];
  @DemandRecord() @Field(() => [String], { description: "The refusals in words, in the same order" }) refusalTexts: string[];
  @DemandRecord() @Field(() => Boolean, { description: "Hidden from the subject until lifted (Sv 126bb, UAVG art. 41)" }) confidential: boolean;
  @DemandRecord() @Field(() => String) recordedBy: string;
  @DemandRecord() @Field(() => Date) recordedAt: Date;
  @DemandRecord() @Field(() => String, { nullable: true }) decidedBy: string | null;
  @DemandRecord() @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @DemandRecord() @Field(() => [String], { nullable: true }) rejectionReasons: string[] | null;
  @DemandRecord() @Field(() => Date, { nullable: true, description: "When the confidentiality order was lifted" }) confidentialityLiftedAt: Date | null;
  @DemandRecord() @Field(() => Date, { nullable: true }) closedAt: Date | null;
}

/** The register's view of a stored demand. */
export const toDemandView = ({ range, subject: _naming, ...d }: ShownLegalDemand): LegalDemandView => ({
  ...d,
  rangeFrom: range?.from ?? null,
  rangeTo: range?.to ?? null,
  refusalTexts: d.refusals.map((r) => DEMAND_REFUSAL_TEXT[r]),
});

@ObjectType({ simpleResolvers: true })
export class LegalDemandEdge {
  @NotPersonalData("opaque position: receipt time and demand id") @Field(() => String) cursor: string;
  @NestedPersonalData() @Field(() => LegalDemandView) node: LegalDemandView;
}

@ObjectType({ simpleResolvers: true, description: "A page of legal demands, newest received first" })
export class LegalDemandConnection {
  @NestedPersonalData() @Field(() => [LegalDemandEdge]) edges: LegalDemandEdge[];
  @NotPersonalData("paging state only") @Field(() => PageInfo) pageInfo: PageInfo;
}
