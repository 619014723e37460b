import { Field, ID, Int, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { FieldTag } from "../policy/masking";
import { Identifier, NestedPersonalData, NotPersonalData, PersonalData } from "../policy/field-classification";
import { PageInfo } from "../common/page-info.type";

const { ACCOUNT_ACTIVITY, IP_ADDRESS } = DataCategory;

@ObjectType({ simpleResolvers: true, description: "One web request by the subject while logged in (weblog)" })
export class IpLogEntry {
  @Identifier("opaque log line id") @Field(() => ID) id: string;
  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => Date, { nullable: true }) occurredAt: Date | null;

  @PersonalData(IP_ADDRESS, FieldTag.IP)
  @Field(() => String, { nullable: true, description: "IPv4 or IPv6 address (a prefix for purposes that mask it)" })
  ip: string | null;

  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => String, { nullable: true }) method: string | null;
  @PersonalData(ACCOUNT_ACTIVITY, FieldTag.PATH)
  @Field(() => String, { nullable: true, description: "Path and query (a route template such as `/facturen/:invoice.pdf` for purposes that mask it)" })
  path: string | null;
  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => Int, { nullable: true }) status: number | null;
  @PersonalData(ACCOUNT_ACTIVITY) @Field(() => String, { nullable: true }) userAgent: string | null;
}

@ObjectType({ simpleResolvers: true })
export class IpLogEdge {
  @NotPersonalData("opaque position: time and line id (sealed for pseudonymous purposes)") @Field(() => String) cursor: string;
  @NestedPersonalData() @Field(() => IpLogEntry) node: IpLogEntry;
}

@ObjectType({ simpleResolvers: true, description: "A page of the subject's web log, newest first" })
export class IpLogConnection {
  @NestedPersonalData() @Field(() => [IpLogEdge]) edges: IpLogEdge[];
  @NotPersonalData("paging state only") @Field(() => PageInfo) pageInfo: PageInfo;
}
