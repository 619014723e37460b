import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../access/request-context";
import { actorOf } from "../../access/actor";
import { RectificationResult } from "./rectification-result.type";
import { RectifySubjectArgs } from "./rectify-subject.input";
import { RectificationService } from "./rectification.service";

/**
 * Thin: who may call (the subject on itself, the privacy officer on anyone) is enforced by the central
 * permission rules before this runs. Returns what changed, not the data: re-read `subject` for that.
 */
@Resolver()
export class RectificationResolver {
  constructor(private readonly service: RectificationService) {}

  @Mutation(() => RectificationResult, {
    description:
      "Corrects the subject's crm data (art. 16): validated, written to crm only, audited without the values. " +
      "Issued invoices are never edited",
  })
  rectifySubject(@Args() { subjectId, input, requestId }: RectifySubjectArgs, @Ctx() ctx: RequestContext) {
    return this.service.rectify(actorOf(ctx), subjectId, { ...input }, requestId ?? null);
  }
}
