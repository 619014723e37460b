import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "../common/page-info.type";
import { SubjectEdge } from "./subject.type";

@ObjectType({ simpleResolvers: true, description: "A page of subjects ordered by customer number" })
export class SubjectConnection {
  @Field(() => [SubjectEdge]) edges: SubjectEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
