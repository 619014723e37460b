import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "A postal address (NAW)" })
export class Address {
  @Field(() => String) street: string;
  @Field(() => String) houseNumber: string;
  @Field(() => String, { description: "Dutch format '1234 AB'" }) postalCode: string;
  @Field(() => String) city: string;
  @Field(() => String, { description: "ISO 3166-1 alpha-2" }) country: string;
}
