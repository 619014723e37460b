import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { PrivacyRecord } from "../../policy/field-classification";
import { DATA_CATEGORIES } from "../../policy/categories";
import { SOURCE } from "../../access/purpose-view";
import { Subject } from "../../subject/subject.type";
import type { SubjectObject } from "../../subject/subject.service";
import type { ChoicesContext } from "../choices/choices.context";
import { purposesFor } from "./report-categories";
import { CategoryProcessing, type Suspension } from "./subject-processing.type";

/**
 * `Subject.processing`: per category of the policy, every purpose it is processed for and whether the subject's
 * own choices switch it off — what the access report's categories say (the same `purposesFor`), readable as a
 * field. Reading it is not an access request: the portal shows it on every visit, the report stays the formal
 * copy of art. 15. DATA_SUBJECT_RIGHTS only (the classification's generated rule).
 */
@Resolver(() => Subject)
export class SubjectProcessingResolver {
  @PrivacyRecord()
  @FieldResolver(() => [CategoryProcessing], {
    nullable: true,
    description: "Per category of personal data: the purposes it is processed for, on which basis, and whether the subject's choices switch each off",
  })
  async processing(@Root() s: SubjectObject, @Ctx() ctx: ChoicesContext): Promise<CategoryProcessing[]> {
    const status = await ctx.privacyStatus.load(s[SOURCE].id);
    return DATA_CATEGORIES.map((category) => ({
      category,
      purposes: purposesFor(category, status).map((p) => ({
        purpose: p.purpose,
        basis: p.basis,
        lawfulBasis: p.lawfulBasis,
        recipients: [...p.recipients],
        inEffect: p.inEffect,
        suspendedBy: p.suspendedBy as Suspension | null,
      })),
    }));
  }
}
