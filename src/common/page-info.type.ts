import { Field, ObjectType } from "type-graphql";
import { NotPersonalData } from "../policy/field-classification";

/** Relay cursor-connection page info (forward paging). */
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @NotPersonalData("paging state only") @Field(() => Boolean) hasNextPage: boolean;
  @NotPersonalData("opaque position; encodes no personal data") @Field(() => String, { nullable: true }) endCursor: string | null;
}
