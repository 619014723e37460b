import { ArgsType, Field, ID, Int } from "type-graphql";
import { AuditAction } from "./audit-action.enum";
import { MAX_AUDIT_PAGE_SIZE } from "./audit.service";

@ArgsType()
export class AuditTrailArgs {
  @Field(() => Int, { defaultValue: 50, description: `Page size, 1–${MAX_AUDIT_PAGE_SIZE}` }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => AuditAction, { nullable: true }) action?: AuditAction | null;
  @Field(() => String, { nullable: true, description: "Staff id, or a customer's login id" }) actor?: string | null;
  @Field(() => String, { nullable: true, description: "Declared purpose, e.g. CONTACT" }) purpose?: string | null;

  @Field(() => ID, { nullable: true, description: "Entries about this subject (hashed before it is used)" })
  subjectId?: string | null;

  @Field(() => Date, { nullable: true, description: "Inclusive lower bound" }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: "Exclusive upper bound" }) to?: Date | null;
}
