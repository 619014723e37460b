import { Field, ID, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { FieldTag } from "../policy/masking";
import { Identifier, PersonalData } from "../policy/field-classification";

const { ACCOUNT_ACTIVITY, IP_ADDRESS } = DataCategory;

@ObjectType({ simpleResolvers: true, description: "One login attempt (auth)" })
export class LoginEvent {
  @Identifier("opaque event id") @Field(() => ID) id: string;
  @PersonalData(ACCOUNT_ACTIVITY, FieldTag.ACCOUNT_ID) @Field(() => ID, { nullable: true }) accountId: string | null;
  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => Date, { nullable: true }) occurredAt: Date | null;

  @PersonalData(IP_ADDRESS, FieldTag.IP)
  @Field(() => String, { nullable: true, description: "IPv4 or IPv6 address (a prefix for purposes that mask it)" })
  ip: string | null;

  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => Boolean, { nullable: true }) success: boolean | null;
  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => String, { nullable: true }) userAgent: string | null;
}
