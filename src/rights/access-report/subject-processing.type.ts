import { Field, ObjectType, registerEnumType } from "type-graphql";
import { DataCategory, LawfulBasis, Purpose } from "../../policy/policy.graphql";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";

export enum Suspension {
  CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN",
  OBJECTION = "OBJECTION",
  RESTRICTION = "RESTRICTION",
}
registerEnumType(Suspension, { name: "ProcessingSuspension", description: "The subject's own choice that switches a processing off" });

/*
 * What the gateway does with the subject's data of one category, per purpose: the access report's categories
 * section (the same function, `purposesFor`) as a field, so a client shows it without requesting a report.
 * Whether each processing is in effect follows from the subject's own choices, so those parts are the gateway's
 * record about the subject (DATA_SUBJECT_RIGHTS only); the rest is the policy's.
 */

@ObjectType({ simpleResolvers: true, description: "One purpose the subject's data of a category is processed for, with the subject's choices applied" })
export class ProcessingPurpose {
  @NotPersonalData("a purpose named by the policy") @Field(() => Purpose) purpose: Purpose;

  @NotPersonalData("the policy's lawful basis") @Field(() => LawfulBasis) basis: LawfulBasis;

  @NotPersonalData("an article of GDPR art. 6(1)")
  @Field(() => String, { description: "The article the processing rests on, e.g. AVG art. 6(1)(b)" })
  lawfulBasis: string;

  @NotPersonalData("the policy's recipients of the purpose") @Field(() => [String]) recipients: string[];

  @PrivacyRecord()
  @Field(() => Boolean, { description: "False while the subject's own choice (withdrawn consent, objection, restriction) switches it off" })
  inEffect: boolean;

  @PrivacyRecord() @Field(() => Suspension, { nullable: true }) suspendedBy: Suspension | null;
}

@ObjectType({ simpleResolvers: true, description: "What the subject's data of one category is processed for" })
export class CategoryProcessing {
  @NotPersonalData("a category named by the policy") @Field(() => DataCategory) category: DataCategory;

  @PrivacyRecord() @Field(() => [ProcessingPurpose]) purposes: ProcessingPurpose[];
}
