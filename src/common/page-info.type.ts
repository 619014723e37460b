import { Field, ObjectType } from "type-graphql";

/** Relay cursor-connection page info (forward paging). */
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}
