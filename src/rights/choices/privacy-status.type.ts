import { Field, ID, ObjectType } from "type-graphql";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";
import { ConsentRecord } from "./consent-record.type";
import { Objection } from "./objection.type";
import { Restriction } from "./restriction.type";

/**
 * The subject's choices as a portal or the privacy officer shows them. The lists are nullable like every
 * guarded field: a denied field must not null the mutation's whole result.
 */
@ObjectType({ simpleResolvers: true, description: "A subject's consents, objections and restriction now in force" })
export class SubjectPrivacyStatus {
  @NotPersonalData("opaque gateway id the caller named") @Field(() => ID) subjectId: string;

  @PrivacyRecord()
  @Field(() => [ConsentRecord], { nullable: true, description: "Every consent-based cell of the policy, given or withdrawn" })
  consents: ConsentRecord[] | null;

  @PrivacyRecord() @Field(() => [Objection], { nullable: true }) objections: Objection[] | null;

  @PrivacyRecord() @Field(() => Restriction, { nullable: true }) restriction: Restriction | null;

  @NotPersonalData("the version of the published policy now in force")
  @Field(() => String, { description: "The policy version now in force" })
  currentPolicyVersion: string;
}
