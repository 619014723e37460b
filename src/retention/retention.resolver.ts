import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../access/request-context";
import { actorOf } from "../access/actor";
import { RetentionReportView, RetentionRunConnection, RetentionRunsArgs, toRetentionView } from "./retention-report.type";
import type { RetentionService } from "./retention.service";

/** Thin: the permission rules admit the privacy officer; the engine applies the policy's rules. */
@Resolver()
export class RetentionResolver {
  constructor(private readonly service: RetentionService) {}

  @Mutation(() => RetentionReportView, { nullable: true, description: "Applies the retention rules now; a dry run (the default) only counts" })
  async runRetention(@Arg("dryRun", () => Boolean, { defaultValue: true }) dryRun: boolean, @Ctx() ctx: RequestContext) {
    return toRetentionView(await this.service.run(actorOf(ctx), dryRun));
  }

  @Query(() => RetentionRunConnection, { nullable: true, description: "Past retention runs, newest first (privacy officer)" })
  retentionRuns(@Args() { first, after }: RetentionRunsArgs) {
    return this.service.list(first, after);
  }
}
