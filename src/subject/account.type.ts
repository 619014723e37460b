import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "The customer's login account (auth). Password hashes are never exposed." })
export class Account {
  @Field(() => ID) id: string;
  @Field(() => String) username: string;
  @Field(() => Boolean) mfaEnabled: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) lastLoginAt: Date | null;
}
