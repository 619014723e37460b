import { ArgsType, Field, Float, Int, ObjectType } from "type-graphql";
import { NotPersonalData } from "../policy/field-classification";
import { LegalDemandBasis } from "./legal-demand.enums.graphql";

const AGGREGATE = "an aggregate count over all demands; identifies no one";

@ObjectType({ simpleResolvers: true, description: "Counts of legal demands by outcome" })
export class TransparencyCounts {
  @NotPersonalData(AGGREGATE) @Field(() => Int) received: number;
  @NotPersonalData(AGGREGATE) @Field(() => Int, { description: "Refused: the law's table was not met" }) refused: number;
  @NotPersonalData(AGGREGATE) @Field(() => Int) rejected: number;
  @NotPersonalData(AGGREGATE) @Field(() => Int) approved: number;
  @NotPersonalData(AGGREGATE) @Field(() => Int) executed: number;
  @NotPersonalData(AGGREGATE) @Field(() => Int) preservationOrders: number;
}

@ObjectType({ simpleResolvers: true, description: "Counts of legal demands under one legal basis" })
export class TransparencyRowView extends TransparencyCounts {
  @NotPersonalData("a legal basis") @Field(() => LegalDemandBasis) basis: LegalDemandBasis;
  @NotPersonalData("the article's name") @Field(() => String) article: string;
}

@ObjectType("TransparencyReport", { simpleResolvers: true, description: "Aggregate counts of legal demands received in a period" })
export class TransparencyReportView {
  @NotPersonalData("the period asked for") @Field(() => Date) from: Date;
  @NotPersonalData("the period asked for") @Field(() => Date) to: Date;
  @NotPersonalData(AGGREGATE) @Field(() => [TransparencyRowView]) rows: TransparencyRowView[];
  @NotPersonalData(AGGREGATE) @Field(() => TransparencyCounts) total: TransparencyCounts;
  @NotPersonalData(AGGREGATE) @Field(() => Int) subjectsAffected: number;
  @NotPersonalData(AGGREGATE) @Field(() => Float, { nullable: true }) medianDaysToAnswer: number | null;
  @NotPersonalData("the same aggregates as text") @Field(() => String, { description: "The report as Markdown" }) markdown: string;
}

@ArgsType()
export class TransparencyReportArgs {
  @Field(() => Date, { description: "Demands received from this instant (inclusive)" }) from: Date;
  @Field(() => Date, { description: "…up to this instant (exclusive)" }) to: Date;
}
