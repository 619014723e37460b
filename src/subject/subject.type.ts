import { Field, ID, ObjectType } from "type-graphql";
import { Gender } from "./gender.enum";

/**
 * A data subject: one customer, federated across crm, billing, auth and weblog. The scalar fields come from
 * crm; the object and list fields are resolved in SubjectResolver through per-request loaders.
 * Personal-data fields are nullable on purpose: a field the caller may not see is null with an error,
 * and must not null the whole subject.
 *
 * `simpleResolvers` (on every record type): plain data fields use graphql-js's default resolver instead of a
 * per-field type-graphql wrapper; measured as a large share of CPU on list responses (bench/).
 */
@ObjectType({ simpleResolvers: true, description: "A data subject (customer), federated across all sources" })
export class Subject {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) customerNumber: string | null;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => Gender, { nullable: true }) gender: Gender | null;
  @Field(() => String, { nullable: true, description: "E.164, e.g. +31612345678" }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true, description: "Free text the customer gave us" }) notes: string | null;
  @Field(() => String, { nullable: true, description: "ISO date" }) contractStart: string | null;
  @Field(() => String, { nullable: true, description: "ISO date; null while the contract runs" })
  contractEnd: string | null;
}

@ObjectType({ simpleResolvers: true })
export class SubjectEdge {
  @Field(() => String) cursor: string;
  @Field(() => Subject) node: Subject;
}
