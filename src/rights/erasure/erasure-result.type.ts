import { Field, ID, Int, ObjectType } from "type-graphql";
import { NotPersonalData } from "../../policy/field-classification";

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
  @Field(() => String, { description: "invoice or payment" })
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

@ObjectType({ simpleResolvers: true, description: "What an erasure did in one source" })
export class SourceErasureResult {
  @NotPersonalData("the name of a source service")
  @Field(() => String, { description: "crm, auth, weblog or billing" })
  source: string;

  @NotPersonalData("table names and row counts") @Field(() => [ErasedTable]) erased: ErasedTable[];

  @NotPersonalData("opaque ids, legal basis and dates of the held records")
  @Field(() => [KeptRecordResult], { description: "Records kept under a legal hold, with reason and end date" })
  kept: KeptRecordResult[];
}

@ObjectType({ simpleResolvers: true, description: "The outcome of an erasure (GDPR art. 17), per source" })
export class ErasureResult {
  @NotPersonalData("opaque gateway id the caller named") @Field(() => ID) subjectId: string;

  @NotPersonalData("per-source counts and held-record references")
  @Field(() => [SourceErasureResult])
  sources: SourceErasureResult[];
}
