import { registerEnumType } from "type-graphql";

/** Values are what crm stores; names are what the API shows. */
export enum Gender {
  FEMALE = "F",
  MALE = "M",
  X = "X",
}
registerEnumType(Gender, { name: "Gender", description: "Gender as the customer chose to state it (optional)" });
