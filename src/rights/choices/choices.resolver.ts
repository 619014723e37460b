import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../access/request-context";
import { actorOf } from "../../access/actor";
import { SubjectPrivacyStatus } from "./privacy-status.type";
import { GiveConsentArgs, ObjectToProcessingArgs, RestrictProcessingArgs, SubjectIdArgs, WithdrawConsentArgs } from "./choices.args";
import { ChoicesService } from "./choices.service";

/**
 * Thin: who may call these (the subject on itself, the privacy officer on anyone) is enforced by the
 * central permission rules before a resolver runs. Each returns the subject's status after the change.
 */
@Resolver()
export class ChoicesResolver {
  constructor(private readonly service: ChoicesService) {}

  @Mutation(() => SubjectPrivacyStatus, {
    description: "Withdraws consent for the matching consent-based cells (none given: all); effective on the next query",
  })
  withdrawConsent(@Args() { subjectId, purpose, category }: WithdrawConsentArgs, @Ctx() ctx: RequestContext) {
    return this.service.withdrawConsent(actorOf(ctx), subjectId, purpose, category);
  }

  @Mutation(() => SubjectPrivacyStatus, {
    description: "Gives consent for one consent-based cell (again, after a withdrawal); effective on the next query",
  })
  giveConsent(@Args() { subjectId, purpose, category }: GiveConsentArgs, @Ctx() ctx: RequestContext) {
    return this.service.giveConsent(actorOf(ctx), subjectId, purpose, category);
  }

  @Mutation(() => SubjectPrivacyStatus, {
    description: "Records an objection (art. 21) to a purpose's legitimate-interest processing",
  })
  objectToProcessing(@Args() { subjectId, purpose }: ObjectToProcessingArgs, @Ctx() ctx: RequestContext) {
    return this.service.objectToProcessing(actorOf(ctx), subjectId, purpose);
  }

  @Mutation(() => SubjectPrivacyStatus, {
    description: "Withdraws the objection in force to a purpose (NOT_FOUND when there is none); effective on the next query",
  })
  withdrawObjection(@Args() { subjectId, purpose }: ObjectToProcessingArgs, @Ctx() ctx: RequestContext) {
    return this.service.withdrawObjection(actorOf(ctx), subjectId, purpose);
  }

  @Mutation(() => SubjectPrivacyStatus, {
    description: "Restricts processing (art. 18): only LEGAL_TAX, LEGAL_DISCLOSURE and DATA_SUBJECT_RIGHTS remain",
  })
  restrictProcessing(@Args() { subjectId, reason }: RestrictProcessingArgs, @Ctx() ctx: RequestContext) {
    return this.service.restrictProcessing(actorOf(ctx), subjectId, reason);
  }

  @Mutation(() => SubjectPrivacyStatus, { description: "Lifts the restriction in force (NOT_FOUND when there is none)" })
  liftRestriction(@Args() { subjectId }: SubjectIdArgs, @Ctx() ctx: RequestContext) {
    return this.service.liftRestriction(actorOf(ctx), subjectId);
  }
}
