import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { systemClock, type Clock } from "../../common/clock";
import type { RequestContext } from "../../access/request-context";
import { actorOf } from "../../access/actor";
import { AccessReport, AccessReportFormat } from "./access-report.type";
import { AccessReportService } from "./access-report.service";

/**
 * Thin, and without access checks on purpose: the central permission rules admit the data subject on itself
 * and the privacy officer on anyone. Nullable, so that a refusal nulls only this field.
 */
@Resolver()
export class AccessReportResolver {
  constructor(
    private readonly reports: AccessReportService,
    private readonly clock: Clock = systemClock,
  ) {}

  @Query(() => AccessReport, {
    nullable: true,
    description: "Everything held about the subject, with purposes, lawful basis, recipients, retention and source per category",
  })
  accessReport(
    @Arg("subjectId", () => ID) subjectId: string,
    @Arg("format", () => AccessReportFormat, { defaultValue: AccessReportFormat.JSON }) format: AccessReportFormat,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reports.render(actorOf(ctx), subjectId, format, this.clock.now());
  }
}
