import { Field, ID, ObjectType } from "type-graphql";
import { DataCategory } from "../../policy/policy.graphql";
import { NotPersonalData } from "../../policy/field-classification";

/**
 * What a rectification changed, without the values: the subject's data itself is read through `subject`,
 * whose objects come from the purpose-view projector (a mutation must not hand out unprojected data).
 */
@ObjectType({ simpleResolvers: true, description: "The outcome of a rectification; re-read the subject for the new values" })
export class RectificationResult {
  @NotPersonalData("opaque gateway id the caller named") @Field(() => ID) subjectId: string;

  @NotPersonalData("names of the input fields that were written, never their values")
  @Field(() => [String], { description: "Input fields written, e.g. postalCode" })
  changedFields: string[];

  @NotPersonalData("categories named by the policy")
  @Field(() => [DataCategory], { description: "Categories of personal data changed" })
  categories: DataCategory[];

  @NotPersonalData("the name of a source service")
  @Field(() => String, { description: "The source that owns the data and was written to (crm)" })
  source: string;

  @NotPersonalData("opaque gateway id of a rights request")
  @Field(() => ID, {
    nullable: true,
    description: "The rights request it fulfilled: the portal's own, or the officer's requestId; null when the officer corrects without one",
  })
  requestId: string | null;
}
