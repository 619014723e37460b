import { Field, ID, ObjectType } from "type-graphql";
import { Identifier, NotPersonalData } from "../policy/field-classification";
import { HoldKind } from "../holds/hold-kind.graphql";

@ObjectType({ simpleResolvers: true, description: "A hold in force on one of the subject's records: kept unchanged, by erasure and retention alike" })
export class SubjectHoldView {
  @Identifier("the hold") @Field(() => ID) id: string;
  @NotPersonalData("a hold kind") @Field(() => HoldKind) kind: HoldKind;
  @NotPersonalData("a source name") @Field(() => String) source: string;
  @NotPersonalData("a table name") @Field(() => String) recordType: string;
  @Identifier("the held record") @Field(() => ID) recordId: string;
  @NotPersonalData("a legal basis") @Field(() => String, { description: "Why it is held, e.g. AWR art. 52" }) basis: string;
  @NotPersonalData("a date") @Field(() => String, { description: "Held through this day (YYYY-MM-DD)" }) until: string;
  @NotPersonalData("a timestamp") @Field(() => Date) placedAt: Date;
}
