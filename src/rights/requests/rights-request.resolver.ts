import { Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../access/request-context";
import { actorOf } from "../../access/actor";
import { requestScopeOf } from "../../access/permission-rules";
import { PrivacyRequest } from "./rights-request.type";
import { PrivacyRequestConnection } from "./rights-request-connection.type";
import {
  CompletePrivacyRequestArgs,
  PrivacyRequestIdArgs,
  PrivacyRequestsArgs,
  RejectPrivacyRequestArgs,
  SubmitPrivacyRequestArgs,
  VerifyPrivacyRequestArgs,
} from "./rights-request.args";
import { RightsRequestService } from "./rights-request.service";

/**
 * The privacy officer's handling of rights requests; a customer token reads its own subject's. Thin and without access checks: the central
 * permission rules admit the caller before a resolver runs. Results are nullable so a refusal nulls only
 * the field. Portal actions open and complete their own requests through the service, not through these.
 */
@Resolver()
export class RightsRequestResolver {
  constructor(private readonly service: RightsRequestService) {}

  @Query(() => PrivacyRequestConnection, {
    nullable: true,
    description: "Rights requests, earliest deadline first: all of them (privacy officer), or the caller's own subject's (customer token)",
  })
  privacyRequests(@Args() { first, after, ...filter }: PrivacyRequestsArgs, @Ctx() ctx: RequestContext) {
    return this.service.list(filter, first, after, requestScopeOf(ctx));
  }

  @Query(() => PrivacyRequest, {
    nullable: true,
    description: "One rights request; null when there is none (privacy officer). A customer token gets NOT_FOUND for any request not of its own subject",
  })
  privacyRequest(@Args() { id }: PrivacyRequestIdArgs, @Ctx() ctx: RequestContext) {
    return this.service.get(id, requestScopeOf(ctx));
  }

  @Mutation(() => PrivacyRequest, { nullable: true, description: "Registers a request (e.g. by e-mail); it waits for verification" })
  submitPrivacyRequest(@Args() { input }: SubmitPrivacyRequestArgs, @Ctx() ctx: RequestContext) {
    return this.service.submit(actorOf(ctx), input);
  }

  @Mutation(() => PrivacyRequest, { nullable: true, description: "Records how the requester was verified" })
  verifyPrivacyRequest(@Args() { id, method, attestations }: VerifyPrivacyRequestArgs, @Ctx() ctx: RequestContext) {
    return this.service.verify(actorOf(ctx), id, method, attestations);
  }

  @Mutation(() => PrivacyRequest, { nullable: true, description: "Marks a verified request as being worked on" })
  startPrivacyRequest(@Args() { id }: PrivacyRequestIdArgs, @Ctx() ctx: RequestContext) {
    return this.service.start(actorOf(ctx), id);
  }

  @Mutation(() => PrivacyRequest, { nullable: true, description: "Refuses a request with reasons; the result carries the AP complaint route" })
  rejectPrivacyRequest(@Args() { id, reasons }: RejectPrivacyRequestArgs, @Ctx() ctx: RequestContext) {
    return this.service.reject(actorOf(ctx), id, reasons);
  }

  @Mutation(() => PrivacyRequest, { nullable: true, description: "Closes a verified request with its outcome" })
  completePrivacyRequest(@Args() { id, outcome, outcomeText }: CompletePrivacyRequestArgs, @Ctx() ctx: RequestContext) {
    return this.service.complete(actorOf(ctx), id, { code: outcome, text: outcomeText });
  }
}
