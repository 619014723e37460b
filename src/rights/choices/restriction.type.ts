import { Field, ObjectType, registerEnumType } from "type-graphql";
import { PrivacyRecord } from "../../policy/field-classification";
import { RestrictionReason } from "./directive";

registerEnumType(RestrictionReason, {
  name: "RestrictionReason",
  description: "The ground of art. 18(1) a restriction rests on",
  valuesConfig: {
    ACCURACY_CONTESTED: { description: "art. 18(1)(a): the subject contests the accuracy of the data" },
    UNLAWFUL_PROCESSING: { description: "art. 18(1)(b): unlawful processing; the subject prefers restriction to erasure" },
    LEGAL_CLAIMS: { description: "art. 18(1)(c): needed by the subject for a legal claim" },
    OBJECTION_PENDING: { description: "art. 18(1)(d): an objection awaits verification" },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: "A restriction of processing (art. 18) in force: only LEGAL_TAX, LEGAL_DISCLOSURE and DATA_SUBJECT_RIGHTS remain",
})
export class Restriction {
  @PrivacyRecord() @Field(() => Date, { nullable: true }) since: Date | null;
  @PrivacyRecord() @Field(() => RestrictionReason, { nullable: true }) reason: RestrictionReason | null;
  @PrivacyRecord() @Field(() => String, { nullable: true }) policyVersion: string | null;
  @PrivacyRecord() @Field(() => String, { nullable: true }) recordedByRole: string | null;
}
