import { registerEnumType } from "type-graphql";
import { HoldKind } from "./legal-hold";

// HoldKind as a GraphQL enum, registered once wherever a type names it (importing this file).
registerEnumType(HoldKind, { name: "HoldKind", description: "Why a record is held: FISCAL (AWR art. 52), PRESERVATION (Sv 126ni), LITIGATION (legal claims)" });

export { HoldKind };
