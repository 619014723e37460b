import { Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../access/request-context";
import { actorOf } from "../access/actor";
import { LegalDemandConnection, LegalDemandView, toDemandView } from "./legal-demand.type";
import {
  LegalDemandIdArgs,
  LegalDemandsArgs,
  LiftConfidentialityArgs,
  liftNote,
  RecordLegalDemandArgs,
  RecordWrittenCopyArgs,
  RejectLegalDemandArgs,
  sha256,
  toNewDemand,
} from "./legal-demand.input";
import { LegalDemandService } from "./legal-demand.service";
import { TransparencyReportArgs, TransparencyReportView } from "./transparency-report.type";


/**
 * The legal officer records demands; a privacy officer decides them (four eyes). Thin: the permission
 * rules admit the caller before a resolver runs, the service applies the law's table and the four-eyes rule.
 */
@Resolver()
export class LegalDemandResolver {
  constructor(private readonly service: LegalDemandService) {}

  @Query(() => LegalDemandConnection, { nullable: true, description: "Legal demands, newest received first (legal and privacy officer)" })
  async legalDemands(@Args() { status, writtenCopyOverdue, first, after }: LegalDemandsArgs) {
    const page = await this.service.list({ status: status ?? null, writtenCopyOverdue: writtenCopyOverdue ?? null }, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toDemandView(e.node) })) };
  }

  @Query(() => LegalDemandView, { nullable: true, description: "One legal demand; null when there is none" })
  async legalDemand(@Args() { id }: LegalDemandIdArgs) {
    const d = await this.service.get(id);
    return d && toDemandView(d);
  }

  @Query(() => TransparencyReportView, { nullable: true, description: "Aggregate counts of legal demands received in a period (privacy officer)" })
  transparencyReport(@Args() { from, to }: TransparencyReportArgs) {
    return this.service.transparencyReport(from, to);
  }

  @Mutation(() => LegalDemandView, { nullable: true, description: "Records a demand: RECORDED, or REFUSED with every reason (legal officer)" })
  async recordLegalDemand(@Args() { input }: RecordLegalDemandArgs, @Ctx() ctx: RequestContext) {
    return toDemandView(await this.service.record(actorOf(ctx), toNewDemand(input)));
  }

  @Mutation(() => LegalDemandView, { nullable: true, description: "Records the written copy of an oral demand (legal officer)" })
  async recordWrittenCopy(@Args() { id, documentSha256 }: RecordWrittenCopyArgs, @Ctx() ctx: RequestContext) {
    return toDemandView(await this.service.recordWrittenCopy(actorOf(ctx), id, sha256(documentSha256)));
  }

  @Mutation(() => LegalDemandView, { nullable: true, description: "Approves a RECORDED demand; never by the officer who recorded it" })
  async approveLegalDemand(@Args() { id }: LegalDemandIdArgs, @Ctx() ctx: RequestContext) {
    return toDemandView(await this.service.approve(actorOf(ctx), id, ctx.enforcer));
  }

  @Mutation(() => LegalDemandView, { nullable: true, description: "Ends a demand's confidentiality order on evidence (privacy officer)" })
  async liftConfidentiality(@Args() { demandId, evidenceSha256, note }: LiftConfidentialityArgs, @Ctx() ctx: RequestContext) {
    return toDemandView(await this.service.liftConfidentiality(actorOf(ctx), demandId, sha256(evidenceSha256, "evidenceSha256"), liftNote(note)));
  }

  @Mutation(() => LegalDemandView, { nullable: true, description: "Closes an executed demand, or an approved preservation order (legal officer)" })
  async closeLegalDemand(@Args() { id }: LegalDemandIdArgs, @Ctx() ctx: RequestContext) {
    return toDemandView(await this.service.close(actorOf(ctx), id));
  }

  @Mutation(() => LegalDemandView, { nullable: true, description: "Rejects a RECORDED demand with reasons; never by its recorder" })
  async rejectLegalDemand(@Args() { id, reasons }: RejectLegalDemandArgs, @Ctx() ctx: RequestContext) {
    return toDemandView(await this.service.reject(actorOf(ctx), id, reasons));
  }
}
