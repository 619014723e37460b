import { ArgsType, Field, Int } from "type-graphql";

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class SubjectsArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1–${MAX_PAGE_SIZE}` }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
export class LoginEventsArgs {
  @Field(() => Int, { defaultValue: 20, description: `Newest events first, 1–${MAX_PAGE_SIZE}` }) first: number;
}

@ArgsType()
export class IpLogArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1–${MAX_PAGE_SIZE}` }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Date, { nullable: true, description: "Inclusive lower bound" }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: "Exclusive upper bound" }) to?: Date | null;
}
