import { Field, ID, ObjectType } from "type-graphql";
import { NotPersonalData } from "../../policy/field-classification";
import { TaskSource } from "../requests/rights-request";
import { ErasedTable, KeptRecordResult } from "./erasure-outcome.type";
import "../requests/request-enums.graphql";

/*
 * What an erasure would do if asked now, shown BEFORE the subject confirms (the portal's erase step) or the
 * officer acts on a request. Made by the erasure's own plan, so the preview and the outcome cannot disagree;
 * like the outcome, it names tables, counts, opaque ids, a legal basis and dates, never the data.
 */

@ObjectType({ simpleResolvers: true, description: "What an erasure would delete and keep in one store, if asked now" })
export class SourceErasurePreview {
  @NotPersonalData("a store name") @Field(() => TaskSource) source: TaskSource;

  @NotPersonalData("table names and row counts")
  @Field(() => [ErasedTable], { description: "Rows an erasure would delete, per table (nothing is deleted by asking)" })
  erased: ErasedTable[];

  @NotPersonalData("opaque ids, legal basis and dates of the held records")
  @Field(() => [KeptRecordResult], { description: "Records an erasure would keep unchanged under a legal hold: why and until when" })
  kept: KeptRecordResult[];

  @NotPersonalData("a code")
  @Field(() => String, { nullable: true, description: "SOURCE_UNAVAILABLE when the store could not be counted now (the erasure itself waits for it)" })
  errorCode: string | null;
}

@ObjectType({ simpleResolvers: true, description: "What eraseSubject would do now (GDPR art. 17 and 17(3)(b)): nothing is deleted by asking" })
export class ErasurePreview {
  @NotPersonalData("opaque subject id of the caller's own subject or the officer's request") @Field(() => ID) subjectId: string;

  @NotPersonalData("a date") @Field(() => String, { description: "The day (YYYY-MM-DD) retention was judged on" }) judgedOn: string;

  @NotPersonalData("per-store counts and held-record references") @Field(() => [SourceErasurePreview]) sources: SourceErasurePreview[];
}
