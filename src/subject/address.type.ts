import { Field, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { PersonalData } from "../policy/field-classification";

const { ADDRESS } = DataCategory;

@ObjectType({ simpleResolvers: true, description: "A postal address (NAW)" })
export class Address {
  @PersonalData(ADDRESS) @Field(() => String, { nullable: true }) street: string | null;
  @PersonalData(ADDRESS) @Field(() => String, { nullable: true }) houseNumber: string | null;
  @PersonalData(ADDRESS) @Field(() => String, { nullable: true, description: "Dutch format '1234 AB'" }) postalCode: string | null;
  @PersonalData(ADDRESS) @Field(() => String, { nullable: true }) city: string | null;
  @PersonalData(ADDRESS) @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2" }) country: string | null;
}
