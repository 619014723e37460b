import { Field, ObjectType, registerEnumType } from "type-graphql";
import { DataCategory, Purpose } from "../../policy/policy.graphql";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";
import { ConsentStatus } from "./directive";

registerEnumType(ConsentStatus, { name: "ConsentStatus" });

@ObjectType({
  simpleResolvers: true,
  description: "One consent-based (purpose, category) cell of the policy, and the subject's choice for it",
})
export class ConsentRecord {
  @NotPersonalData("a purpose named by the policy") @Field(() => Purpose) purpose: Purpose;
  @NotPersonalData("a category named by the policy") @Field(() => DataCategory) category: DataCategory;

  @PrivacyRecord() @Field(() => ConsentStatus, { nullable: true }) status: ConsentStatus | null;

  @PrivacyRecord()
  @Field(() => Date, { nullable: true, description: "When the consent was withdrawn, or given; null for a consent given without a record of when" })
  since: Date | null;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "Policy version the withdrawal or the consent was recorded under" })
  policyVersion: string | null;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "Role that recorded the withdrawal or the consent (customer or privacy_officer)" })
  recordedByRole: string | null;
}
