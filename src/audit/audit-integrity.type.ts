import { Field, ObjectType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { NotPersonalData } from "../policy/field-classification";

@ObjectType({ simpleResolvers: true, description: "The result of re-verifying the whole audit chain" })
export class AuditIntegrity {
  @NotPersonalData("verification result") @Field(() => Boolean) ok: boolean;

  @NotPersonalData("count")
  @Field(() => GraphQLSafeInt, { description: "Entries verified before the first break (all when ok)" })
  checked: number;

  @NotPersonalData("position in the chain")
  @Field(() => GraphQLSafeInt, { nullable: true, description: "The first entry that is missing or does not verify" })
  firstBrokenSeq: number | null;

  @NotPersonalData("reason code")
  @Field(() => String, {
    nullable: true,
    description:
      "Why it broke: MISSING_ENTRY, UNEXPECTED_SEQ, HASH_MISMATCH, NOT_CANONICAL, REWRITTEN, PREV_HASH_MISMATCH, " +
      "BEYOND_HEAD or HEAD_MISMATCH",
  })
  reason: string | null;

  @NotPersonalData("position in the chain")
  @Field(() => GraphQLSafeInt, { description: "The last entry covered by this verification" })
  headSeq: number;

  @NotPersonalData("chain hash")
  @Field(() => String, { description: "Its hash: note it outside the database to anchor later verifications" })
  headHash: string;
}
