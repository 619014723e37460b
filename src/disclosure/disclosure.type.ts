import { Field, ID, ObjectType } from "type-graphql";
import { DemandRecord, NestedPersonalData } from "../policy/field-classification";
import { LegalDemandView, toDemandView } from "./legal-demand.type";
import type { DisclosureManifest, ExecutedDisclosure } from "./disclosure";

/*
 * What the legal and privacy officers see of executions. Every field belongs to the demand register (who
 * received what about whom): readable by those two roles only, wherever it is reached.
 */

@ObjectType({ simpleResolvers: true, description: "The records of one source table a disclosure contained" })
export class DisclosedRecords {
  @DemandRecord() @Field(() => String, { description: "crm, auth, weblog or billing" }) source: string;
  @DemandRecord() @Field(() => String, { description: "Table in the source, e.g. login_event" }) table: string;
  @DemandRecord() @Field(() => [ID]) ids: string[];
}

@ObjectType({ simpleResolvers: true, description: "What is kept of one execution: a manifest, not a copy" })
export class DisclosureManifestView {
  @DemandRecord() @Field(() => ID) id: string;
  @DemandRecord() @Field(() => ID) demandId: string;
  @DemandRecord() @Field(() => String, { description: "The legal officer who executed it" }) executedBy: string;
  @DemandRecord() @Field(() => Date) executedAt: Date;
  @DemandRecord() @Field(() => String) formatVersion: string;
  @DemandRecord() @Field(() => [String], { description: 'The disclosed fields as "Type.field"' }) fields: string[];
  @DemandRecord() @Field(() => [DisclosedRecords]) records: DisclosedRecords[];
  @DemandRecord() @Field(() => String, { description: "SHA-256 (hex) of the payload's RFC 8785 canonical text" }) payloadSha256: string;
  @DemandRecord() @Field(() => Boolean, { description: "126ne: the window was still open; what existed so far was disclosed" }) windowOpen: boolean;
}

@ObjectType({ simpleResolvers: true, description: "An executed legal demand: the payload to hand over, and what was kept of it" })
export class DisclosureView {
  @DemandRecord()
  @Field(() => String, { description: "The versioned JSON document in RFC 8785 canonical form; its SHA-256 is manifest.payloadSha256" })
  payload: string;

  @NestedPersonalData() @Field(() => DisclosureManifestView) manifest: DisclosureManifestView;
  @NestedPersonalData() @Field(() => LegalDemandView, { description: "The demand as it now stands" }) demand: LegalDemandView;
}

@ObjectType({ simpleResolvers: true, description: "Whether a payload is the one disclosed on a demand" })
export class DisclosureVerificationView {
  @DemandRecord() @Field(() => Boolean) matches: boolean;
  @DemandRecord() @Field(() => ID, { nullable: true, description: "The execution whose payload it is" }) disclosureId: string | null;
  @DemandRecord() @Field(() => Date, { nullable: true }) executedAt: Date | null;
}

export const toManifestView = (m: DisclosureManifest): DisclosureManifestView => ({
  ...m,
  records: Object.entries(m.recordIds).flatMap(([source, tables]) => Object.entries(tables).map(([table, ids]) => ({ source, table, ids }))),
});

export const toDisclosureView = (d: ExecutedDisclosure): DisclosureView => ({
  payload: d.canonical,
  manifest: toManifestView(d.manifest),
  demand: toDemandView(d.demand),
});
