import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { Identifier, NotPersonalData } from "../policy/field-classification";
import { DataCategory } from "../policy/categories";
import { HoldKind } from "../holds/hold-kind.graphql";
import type { LitigationHold } from "../holds/litigation-hold.repository";

/* A litigation hold as the privacy officer placed it: which subject, categories and last day; no record values. */

@ObjectType({ simpleResolvers: true, description: "A litigation hold: the subject's records of some categories kept through a last day" })
export class LitigationHoldView {
  @Identifier("the hold") @Field(() => ID) id: string;
  @Identifier("the subject held") @Field(() => ID) subjectId: string;
  @NotPersonalData("a hold kind") @Field(() => HoldKind) kind: HoldKind;
  @NotPersonalData("category names") @Field(() => [DataCategory]) categories: DataCategory[];
  @NotPersonalData("a date") @Field(() => String, { description: "The last day held (YYYY-MM-DD); at most 2 years on, then renewed" }) until: string;
  @NotPersonalData("the officer's reason for the hold (a case reference, not the subject's data)") @Field(() => String) reason: string;
  @NotPersonalData("a staff actor") @Field(() => String) placedBy: string;
  @NotPersonalData("a timestamp") @Field(() => Date) placedAt: Date;
  @NotPersonalData("a count") @Field(() => Int, { description: "Records held when placed" }) records: number;
  @NotPersonalData("a timestamp") @Field(() => Date, { nullable: true }) releasedAt: Date | null;
  @NotPersonalData("a staff actor") @Field(() => String, { nullable: true }) releasedBy: string | null;
  @NotPersonalData("the officer's reason for the release") @Field(() => String, { nullable: true }) releaseReason: string | null;
}

export const toLitigationHoldView = (h: LitigationHold): LitigationHoldView => ({ ...h, kind: HoldKind.LITIGATION });

@ArgsType()
export class PlaceLegalHoldArgs {
  @Field(() => ID) subjectId: string;
  @Field(() => HoldKind, { description: "LITIGATION (the other kinds are placed by erasure and by preservation orders)" }) kind: HoldKind;
  @Field(() => [DataCategory]) categories: DataCategory[];
  @Field(() => String, { description: "The last day held (YYYY-MM-DD), today to 2 years on" }) until: string;
  @Field(() => String) reason: string;
}

@ArgsType()
export class ReleaseLegalHoldArgs {
  @Field(() => ID) id: string;
  @Field(() => String) reason: string;
}
