import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { NotPersonalData } from "../policy/field-classification";
import { PageInfo } from "../common/page-info.type";
import type { RetentionReport } from "./retention-report";
import { MAX_RUN_PAGE_SIZE } from "./retention.service";

/* A retention run's report: rule ids, table names, counts and codes; no record, no id, no personal data. */

@ObjectType({ simpleResolvers: true, description: "Candidates kept by holds of one kind" })
export class HeldCount {
  @NotPersonalData("a hold kind") @Field(() => String, { description: "FISCAL, PRESERVATION, …" }) kind: string;
  @NotPersonalData("a count") @Field(() => Int) count: number;
}

@ObjectType({ simpleResolvers: true, description: "What a retention run did (or would do) with one rule in one source table" })
export class RetentionPartView {
  @NotPersonalData("a rule id of the policy") @Field(() => String, { description: "The rule in the policy, e.g. activity-rolling" }) rule: string;
  @NotPersonalData("a store name") @Field(() => String) store: string;
  @NotPersonalData("a table name") @Field(() => String) table: string;
  @NotPersonalData("a count") @Field(() => Int, { description: "Rows past the rule's last day" }) candidates: number;
  @NotPersonalData("a count") @Field(() => Int, { description: "Rows deleted (a dry run: rows it would delete)" }) deleted: number;
  @NotPersonalData("counts per hold kind") @Field(() => [HeldCount], { description: "Candidates a hold in force keeps" }) keptByHold: HeldCount[];
  @NotPersonalData("a count") @Field(() => Int, { description: "DELETE statements (a dry run: that it would run)" }) batches: number;
  @NotPersonalData("a duration") @Field(() => Int) durationMs: number;
  @NotPersonalData("a code")
  @Field(() => String, { nullable: true, description: "SOURCE_UNAVAILABLE: the store did not answer; the next run does this part" })
  errorCode: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A retention run (SPEC §6)" })
export class RetentionReportView {
  @NotPersonalData("a flag") @Field(() => Boolean) dryRun: boolean;
  @NotPersonalData("a timestamp") @Field(() => Date) ranAt: Date;
  @NotPersonalData("a date") @Field(() => String, { description: "The UTC date retention was judged on (YYYY-MM-DD)" }) today: string;
  @NotPersonalData("counts per rule and table") @Field(() => [RetentionPartView]) parts: RetentionPartView[];
}

export const toRetentionView = (r: RetentionReport): RetentionReportView => r;

@ObjectType({ simpleResolvers: true, description: "A past retention run" })
export class RetentionRunView extends RetentionReportView {
  @NotPersonalData("opaque run id") @Field(() => ID) id: string;
  @NotPersonalData("a staff id, or the schedule") @Field(() => String, { description: "Who ran it" }) actor: string;
}

@ObjectType({ simpleResolvers: true })
export class RetentionRunEdge {
  @NotPersonalData("opaque position: run time and id") @Field(() => String) cursor: string;
  @NotPersonalData("counts only") @Field(() => RetentionRunView) node: RetentionRunView;
}

@ObjectType({ simpleResolvers: true, description: "Past retention runs, newest first" })
export class RetentionRunConnection {
  @NotPersonalData("counts only") @Field(() => [RetentionRunEdge]) edges: RetentionRunEdge[];
  @NotPersonalData("paging state only") @Field(() => PageInfo) pageInfo: PageInfo;
}

@ArgsType()
export class RetentionRunsArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1–${MAX_RUN_PAGE_SIZE}` }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}
