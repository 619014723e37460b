import { ArgsType, Field, ID } from "type-graphql";
import { DataCategory, Purpose } from "../../policy/policy.graphql";
import { RestrictionReason } from "./directive";
import "./restriction.type";

@ArgsType()
export class SubjectIdArgs {
  @Field(() => ID) subjectId: string;
}

@ArgsType()
export class WithdrawConsentArgs extends SubjectIdArgs {
  @Field(() => Purpose, { nullable: true, description: "Omitted: every consent-based purpose (within `category`)" })
  purpose?: Purpose | null;

  @Field(() => DataCategory, { nullable: true, description: "Omitted: every consent-based category (within `purpose`)" })
  category?: DataCategory | null;
}

@ArgsType()
export class GiveConsentArgs extends SubjectIdArgs {
  @Field(() => Purpose, { description: "The purpose of a consent-based cell" }) purpose: Purpose;
  @Field(() => DataCategory, { description: "The category of that cell" }) category: DataCategory;
}

@ArgsType()
export class ObjectToProcessingArgs extends SubjectIdArgs {
  @Field(() => Purpose, { description: "A purpose with legitimate-interest processing" }) purpose: Purpose;
}

@ArgsType()
export class RestrictProcessingArgs extends SubjectIdArgs {
  @Field(() => RestrictionReason, { nullable: true }) reason?: RestrictionReason | null;
}
