import { Field, ObjectType } from "type-graphql";
import { DataCategory, Purpose } from "../../policy/policy.graphql";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";

@ObjectType({ simpleResolvers: true, description: "An objection (art. 21) in force against one purpose" })
export class Objection {
  @NotPersonalData("a purpose named by the policy") @Field(() => Purpose) purpose: Purpose;

  @NotPersonalData("derived from the policy: the purpose's legitimate-interest categories")
  @Field(() => [DataCategory], { description: "The categories no longer processed for this purpose" })
  categories: DataCategory[];

  @PrivacyRecord() @Field(() => Date, { nullable: true }) since: Date | null;
  @PrivacyRecord() @Field(() => String, { nullable: true }) policyVersion: string | null;
  @PrivacyRecord() @Field(() => String, { nullable: true }) recordedByRole: string | null;
}
