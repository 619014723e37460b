import { Field, ObjectType } from "type-graphql";
import { DataCategory } from "../../policy/policy.graphql";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";

/**
 * How long the subject's data of one category is kept, and why: the retention the access report states for the
 * category (the same computation), with the day the retention run deletes it. The dates follow from the subject's
 * own records (contract end, when each record was made), so they are the gateway's record about the subject.
 */
@ObjectType({ simpleResolvers: true, description: "How long the subject's data of one category is kept, and why" })
export class SubjectRetention {
  @NotPersonalData("a category named by the policy") @Field(() => DataCategory) category: DataCategory;

  @NotPersonalData("a retention rule named by the policy")
  @Field(() => String, { description: "The policy's retention rule for the category (e.g. crm-after-contract)" })
  rule: string;

  @NotPersonalData("the policy's reason for the rule")
  @Field(() => String, { description: "Why the rule keeps the data this long" })
  reason: string;

  @PrivacyRecord()
  @Field(() => String, {
    nullable: true,
    description:
      "The last day the data is kept (YYYY-MM-DD), as the access report states it; for rolling rules the oldest record's. " +
      "Null while it is open-ended (the contract still runs) or when none is held",
  })
  keptUntil: string | null;

  @PrivacyRecord()
  @Field(() => String, {
    nullable: true,
    description: "The day the retention run deletes it (YYYY-MM-DD): the day after keptUntil (a record past it goes at the next run)",
  })
  deletedOn: string | null;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "The same in words, per kind of record" })
  explanation: string | null;
}
