import { Field, ObjectType } from "type-graphql";
import { NestedPersonalData, NotPersonalData } from "../policy/field-classification";
import { PageInfo } from "../common/page-info.type";
import { SubjectEdge } from "./subject.type";

@ObjectType({ simpleResolvers: true, description: "A page of subjects ordered by subject id" })
export class SubjectConnection {
  @NestedPersonalData() @Field(() => [SubjectEdge]) edges: SubjectEdge[];
  @NotPersonalData("paging state only") @Field(() => PageInfo) pageInfo: PageInfo;
}
