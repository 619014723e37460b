import { Field, ID, Int, ObjectType } from "type-graphql";
import { NotPersonalData } from "../../policy/field-classification";
import { RequestStatus, TaskSource, TaskStatus } from "../requests/rights-request";
import "../requests/request-enums.graphql";

/*
 * What an erasure did, reported to whoever asked for it (the subject in the portal, or the privacy officer
 * acting on the subject's request). It names tables, counts, opaque record ids, a legal basis and dates:
 * the erased data itself is gone, and the held records are only pointed at, never shown.
 */

@ObjectType({ simpleResolvers: true, description: "Rows deleted from one table of a source" })
export class ErasedTable {
  @NotPersonalData("the name of a source table")
  @Field(() => String, { description: "Table name in the source, e.g. login_event" })
  table: string;

  @NotPersonalData("a row count") @Field(() => Int, { description: "Rows deleted by this erasure run" }) count: number;
}

@ObjectType({ simpleResolvers: true, description: "A record kept unchanged under a legal hold instead of being erased" })
export class KeptRecordResult {
  @NotPersonalData("a record type name")
  @Field(() => String, { description: "invoice or payment; customer, account, login_event or access_log when another hold keeps it" })
  recordType: string;

  @NotPersonalData("opaque record id; the record itself is readable only for LEGAL_TAX")
  @Field(() => ID)
  recordId: string;

  @NotPersonalData("the legal basis of the hold, fixed text from the policy")
  @Field(() => String, { description: "Why it is kept, e.g. AWR art. 52; AVG art. 17(3)(b)" })
  reason: string;

  @NotPersonalData("a retention end date computed from the policy")
  @Field(() => String, { description: "Kept until this day (YYYY-MM-DD), then deleted by the retention run" })
  until: string;
}

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
