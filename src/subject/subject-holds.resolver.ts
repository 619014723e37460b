import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { HoldRecord } from "../policy/field-classification";
import { SOURCE } from "../access/purpose-view";
import { readableHoldKinds } from "../access/hold-readers";
import { Subject } from "./subject.type";
import type { SubjectObject } from "./subject.service";
import type { HoldsContext } from "./subject-holds.context";
import { SubjectHoldView } from "./subject-hold.type";

/**
 * The holds on the subject's records. Who may ask is a permission rule generated from the classification; which
 * kinds they see is the access layer's (`readableHoldKinds`: the privacy officer all, LEGAL_TAX the fiscal ones).
 */
@Resolver(() => Subject)
export class SubjectHoldsResolver {
  @HoldRecord()
  @FieldResolver(() => [SubjectHoldView], { nullable: true, description: "Holds in force on the subject's records (privacy officer; LEGAL_TAX: fiscal holds)" })
  async legalHolds(@Root() s: SubjectObject, @Ctx() ctx: HoldsContext): Promise<SubjectHoldView[]> {
    const kinds = readableHoldKinds(ctx);
    return (await ctx.legalHolds.load(s[SOURCE].id)).filter((h) => kinds.includes(h.kind));
  }
}
