import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { PrivacyRecord } from "../../policy/field-classification";
import { SOURCE } from "../../access/purpose-view";
import { Subject } from "../../subject/subject.type";
import type { SubjectObject } from "../../subject/subject.service";
import type { RetentionContext } from "./retention.context";
import { SubjectRetentionService } from "./subject-retention.service";
import { SubjectRetention } from "./subject-retention.type";

/**
 * The subject's retention on the Subject type. Readable for DATA_SUBJECT_RIGHTS only (a permission rule generated
 * from the classification): the subject's own token and the privacy officer.
 */
@Resolver(() => Subject)
export class SubjectRetentionResolver {
  constructor(private readonly service: SubjectRetentionService) {}

  @PrivacyRecord()
  @FieldResolver(() => [SubjectRetention], {
    nullable: true,
    description: "Per category of personal data: kept until which day, why, and when the retention run deletes it (as the access report states)",
  })
  retention(@Root() s: SubjectObject, @Ctx() ctx: RetentionContext) {
    return this.service.of(s[SOURCE], ctx);
  }
}
