import { registerEnumType } from "type-graphql";
import { DataCategory } from "./categories";
import { LawfulBasis, Purpose } from "./purposes";

/**
 * The policy's enums as GraphQL enums, registered once here: type-graphql refuses a second registration
 * under the same name. Import this module from any type that uses them.
 */
registerEnumType(Purpose, { name: "Purpose", description: "A purpose from the privacy statement (SPEC §3)" });
registerEnumType(DataCategory, { name: "DataCategory", description: "A category of personal data (SPEC §3)" });
registerEnumType(LawfulBasis, { name: "LawfulBasis", description: "The ground of GDPR art. 6(1) a processing rests on" });

export { DataCategory, LawfulBasis, Purpose };
