import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../access/request-context";
import { actorOf } from "../access/actor";
import { LitigationHoldView, PlaceLegalHoldArgs, ReleaseLegalHoldArgs, toLitigationHoldView } from "./litigation-hold.type";
import type { LitigationHoldService } from "./litigation-hold.service";

/** Thin: the permission rules admit the privacy officer; the service validates and writes. */
@Resolver()
export class LitigationHoldResolver {
  constructor(private readonly service: LitigationHoldService) {}

  @Mutation(() => LitigationHoldView, { nullable: true, description: "Holds a subject's records of these categories through `until` (privacy officer)" })
  async placeLegalHold(@Args() args: PlaceLegalHoldArgs, @Ctx() ctx: RequestContext) {
    return toLitigationHoldView(await this.service.place(actorOf(ctx), args, ctx.enforcer));
  }

  @Mutation(() => LitigationHoldView, { nullable: true, description: "Releases a litigation hold before its last day (privacy officer)" })
  async releaseLegalHold(@Args() { id, reason }: ReleaseLegalHoldArgs, @Ctx() ctx: RequestContext) {
    return toLitigationHoldView(await this.service.release(actorOf(ctx), id, reason));
  }
}
