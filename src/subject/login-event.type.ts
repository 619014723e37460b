import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "One login attempt (auth)" })
export class LoginEvent {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) accountId: string | null;
  @Field(() => Date) occurredAt: Date;
  @Field(() => String, { nullable: true, description: "IPv4 or IPv6 address" }) ip: string | null;
  @Field(() => Boolean) success: boolean;
  @Field(() => String) userAgent: string;
}
