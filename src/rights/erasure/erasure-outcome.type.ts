import { Field, ID, ObjectType } from "type-graphql";
import { NotPersonalData } from "../../policy/field-classification";
import { RequestStatus, TaskSource, TaskStatus } from "../requests/rights-request";
import "../requests/request-enums.graphql";
import { ErasedTable, KeptRecordResult } from "./erasure-result.type";

@ObjectType({ simpleResolvers: true, description: "What an erasure did (or still has to do) in one store" })
export class SourceErasureOutcome {
  @NotPersonalData("a store name") @Field(() => TaskSource) source: TaskSource;

  @NotPersonalData("a processing status")
  @Field(() => TaskStatus, { description: "DONE, or FAILED while the store is unreachable (retried until it is back)" })
  status: TaskStatus;

  @NotPersonalData("a code") @Field(() => String, { nullable: true, description: "Why it has not finished yet" })
  errorCode: string | null;

  @NotPersonalData("table names and row counts") @Field(() => [ErasedTable]) erased: ErasedTable[];

  @NotPersonalData("opaque ids, legal basis and dates of the held records")
  @Field(() => [KeptRecordResult], { description: "Records kept unchanged under a legal hold: why and until when" })
  kept: KeptRecordResult[];
}

@ObjectType({ simpleResolvers: true, description: "An erasure request (GDPR art. 17) and what it did per store" })
export class ErasureOutcome {
  @NotPersonalData("opaque request id; follow it with privacyRequest(id)") @Field(() => ID) requestId: string;

  @NotPersonalData("a processing status")
  @Field(() => RequestStatus, { description: "COMPLETED only when every store is done; IN_PROGRESS while one is retried" })
  status: RequestStatus;

  @NotPersonalData("per-store counts and held-record references") @Field(() => [SourceErasureOutcome]) sources: SourceErasureOutcome[];
}
