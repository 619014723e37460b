import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ChoicesContext } from "./choices.context";
import { PrivacyRecord } from "../../policy/field-classification";
import { SOURCE } from "../../access/purpose-view";
import { Subject } from "../../subject/subject.type";
import type { SubjectObject } from "../../subject/subject.service";
import { ConsentRecord } from "./consent-record.type";
import { Objection } from "./objection.type";
import { Restriction } from "./restriction.type";

/**
 * The subject's own choices on the Subject type. Readable for DATA_SUBJECT_RIGHTS only (a permission rule
 * generated from the classification); loaded for all subjects of a request in one statement.
 */
@Resolver(() => Subject)
export class SubjectPrivacyResolver {
  @PrivacyRecord()
  @FieldResolver(() => [ConsentRecord], { nullable: true, description: "Every consent-based cell, given or withdrawn" })
  async consents(@Root() s: SubjectObject, @Ctx() ctx: ChoicesContext) {
    return (await ctx.privacyStatus.load(s[SOURCE].id)).consents;
  }

  @PrivacyRecord()
  @FieldResolver(() => [Objection], { nullable: true, description: "Objections (art. 21) in force" })
  async objections(@Root() s: SubjectObject, @Ctx() ctx: ChoicesContext) {
    return (await ctx.privacyStatus.load(s[SOURCE].id)).objections;
  }

  @PrivacyRecord()
  @FieldResolver(() => Restriction, { nullable: true, description: "The restriction of processing (art. 18) in force" })
  async restriction(@Root() s: SubjectObject, @Ctx() ctx: ChoicesContext) {
    return (await ctx.privacyStatus.load(s[SOURCE].id)).restriction;
  }
}
