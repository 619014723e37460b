import { Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../common/page-info.type";

@ObjectType({ simpleResolvers: true, description: "One web request by the subject while logged in (weblog)" })
export class IpLogEntry {
  @Field(() => ID) id: string;
  @Field(() => Date) occurredAt: Date;
  @Field(() => String, { nullable: true, description: "IPv4 or IPv6 address" }) ip: string | null;
  @Field(() => String) method: string;
  @Field(() => String) path: string;
  @Field(() => Int) status: number;
  @Field(() => String) userAgent: string;
}

@ObjectType({ simpleResolvers: true })
export class IpLogEdge {
  @Field(() => String) cursor: string;
  @Field(() => IpLogEntry) node: IpLogEntry;
}

@ObjectType({ simpleResolvers: true, description: "A page of the subject's web log, newest first" })
export class IpLogConnection {
  @Field(() => [IpLogEdge]) edges: IpLogEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
