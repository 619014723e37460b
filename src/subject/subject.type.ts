import { Field, ID, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { Identifier, NestedPersonalData, NotPersonalData, PersonalData } from "../policy/field-classification";
import { Gender } from "./gender.enum";

const { NAME, GENDER, PHONE, EMAIL, OTHER } = DataCategory;

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
  @Identifier("opaque gateway id, the handle every purpose needs to address the subject (a pseudonym for analytics)")
  @Field(() => ID)
  id: string;

  @PersonalData(NAME) @Field(() => String, { nullable: true }) customerNumber: string | null;
  @PersonalData(NAME) @Field(() => String, { nullable: true }) firstName: string | null;
  @PersonalData(NAME) @Field(() => String, { nullable: true }) lastName: string | null;
  @PersonalData(GENDER) @Field(() => Gender, { nullable: true }) gender: Gender | null;

  @PersonalData(PHONE)
  @Field(() => String, { nullable: true, description: "E.164, e.g. +31612345678" })
  phone: string | null;

  @PersonalData(EMAIL) @Field(() => String, { nullable: true }) email: string | null;

  @PersonalData(OTHER)
  @Field(() => String, { nullable: true, description: "Free text the customer gave us" })
  notes: string | null;

  @PersonalData(OTHER) @Field(() => String, { nullable: true, description: "ISO date" }) contractStart: string | null;

  @PersonalData(OTHER)
  @Field(() => String, { nullable: true, description: "ISO date; null while the contract runs" })
  contractEnd: string | null;
}

@ObjectType({ simpleResolvers: true })
export class SubjectEdge {
  @NotPersonalData("opaque position in the list (the subject id; sealed for pseudonymous purposes)")
  @Field(() => String)
  cursor: string;

  @NestedPersonalData() @Field(() => Subject) node: Subject;
}
