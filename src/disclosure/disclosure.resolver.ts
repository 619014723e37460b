import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../access/request-context";
import { actorOf } from "../access/actor";
import { DemandIdArgs, sha256 } from "./legal-demand.input";
import { DisclosureManifestView, DisclosureVerificationView, DisclosureView, toDisclosureView, toManifestView } from "./disclosure.type";
import type { DisclosureService } from "./disclosure.service";

@ArgsType()
export class VerifyDisclosureArgs extends DemandIdArgs {
  @Field(() => String, { description: "SHA-256 (hex) of the payload's text as received" }) payloadSha256: string;
}

/** Executing approved demands and checking payloads against their manifests. Thin: rules admit, the service decides. */
@Resolver()
export class DisclosureResolver {
  constructor(private readonly service: DisclosureService) {}

  @Mutation(() => DisclosureView, { nullable: true, description: "Discloses what an approved demand covers, and records its manifest (legal officer)" })
  async executeDisclosure(@Args() { demandId }: DemandIdArgs, @Ctx() ctx: RequestContext) {
    return toDisclosureView(await this.service.execute(actorOf(ctx), demandId, ctx.enforcer));
  }

  @Query(() => DisclosureVerificationView, { nullable: true, description: "Whether a payload is one disclosed on the demand" })
  async verifyDisclosure(@Args() { demandId, payloadSha256 }: VerifyDisclosureArgs) {
    return this.service.verify(demandId, sha256(payloadSha256, "payloadSha256"));
  }

  @Query(() => [DisclosureManifestView], { nullable: true, description: "The manifests of a demand's executions, oldest first" })
  async disclosureManifests(@Args() { demandId }: DemandIdArgs) {
    return (await this.service.manifestsOf(demandId)).map(toManifestView);
  }
}
