import { Field, ID, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { FieldTag } from "../policy/masking";
import { PersonalData } from "../policy/field-classification";

const { CREDENTIALS, ACCOUNT_ACTIVITY } = DataCategory;

@ObjectType({ simpleResolvers: true, description: "The customer's login account (auth). Password hashes are never exposed." })
export class Account {
  @PersonalData(CREDENTIALS, FieldTag.ACCOUNT_ID) @Field(() => ID, { nullable: true }) id: string | null;
  @PersonalData(CREDENTIALS) @Field(() => String, { nullable: true }) username: string | null;
  @PersonalData(CREDENTIALS) @Field(() => Boolean, { nullable: true }) mfaEnabled: boolean | null;
  @PersonalData(CREDENTIALS) @Field(() => Date, { nullable: true }) createdAt: Date | null;
  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => Date, { nullable: true }) lastLoginAt: Date | null;
}
