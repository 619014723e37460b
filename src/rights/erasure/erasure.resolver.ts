import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../access/request-context";
import { actorOf } from "../../access/actor";
import { ErasureOutcome } from "./erasure-outcome.type";
import type { ErasureRunner } from "./erasure-runner";
import { ErasurePreview } from "./erasure-preview.type";
import type { ErasurePreviewService } from "./erasure-preview";
import { erasedAndKept } from "./erasure.service";
import { actsInPortal } from "../portal-requests";

/** Thin: who may erase (the subject itself, or the privacy officer on a verified request) is decided by the permission rules. */
@Resolver()
export class ErasureResolver {
  constructor(
    private readonly runner: ErasureRunner,
    private readonly previews: ErasurePreviewService,
  ) {}

  @Query(() => ErasurePreview, {
    description:
      "What eraseSubject would delete and keep (why, until when) if asked now, from the erasure's own plan; nothing is deleted. " +
      "The portal's confirmation step.",
  })
  erasurePreview(@Arg("subjectId", () => ID) subjectId: string, @Ctx() ctx: RequestContext): Promise<ErasurePreview> {
    return this.previews.preview(actorOf(ctx), subjectId);
  }

  @Mutation(() => ErasureOutcome, {
    description:
      "Erases the subject in crm, auth and weblog; invoices and payments still under fiscal retention are kept " +
      "unchanged under a legal hold (readable for LEGAL_TAX only). Durable: a store that is down is retried until done.",
  })
  async eraseSubject(
    @Arg("subjectId", () => ID) subjectId: string,
    @Arg("requestId", () => ID, { nullable: true, description: "The VERIFIED erasure request (privacy officer); omit in the portal" })
    requestId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ErasureOutcome> {
    const actor = actorOf(ctx);
    const run = await this.runner.erase(actor, subjectId, requestId ?? null);
    const forSubject = actsInPortal(actor);
    return {
      requestId: run.requestId,
      status: run.status,
      sources: run.sources.map((s) => ({ source: s.source, status: s.status, errorCode: s.errorCode, ...erasedAndKept(s.result, forSubject) })),
    };
  }
}
