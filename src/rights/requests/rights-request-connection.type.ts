import { Field, ObjectType } from "type-graphql";
import { NestedPersonalData, NotPersonalData } from "../../policy/field-classification";
import { PageInfo } from "../../common/page-info.type";
import { PrivacyRequest } from "./rights-request.type";

@ObjectType({ simpleResolvers: true })
export class PrivacyRequestEdge {
  @NotPersonalData("opaque position: deadline and request id") @Field(() => String) cursor: string;
  @NestedPersonalData() @Field(() => PrivacyRequest) node: PrivacyRequest;
}

@ObjectType({ simpleResolvers: true, description: "A page of rights requests, earliest deadline first" })
export class PrivacyRequestConnection {
  @NestedPersonalData() @Field(() => [PrivacyRequestEdge]) edges: PrivacyRequestEdge[];
  @NotPersonalData("paging state only") @Field(() => PageInfo) pageInfo: PageInfo;
}
