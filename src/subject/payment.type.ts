import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "A payment received against an invoice (billing)" })
export class Payment {
  @Field(() => ID) id: string;
  @Field(() => ID) invoiceId: string;
  @Field(() => Date) paidAt: Date;
  @Field(() => String) amount: string;
  @Field(() => String, { description: "IDEAL, SEPA_DD, CARD or BANK_TRANSFER" }) method: string;
  @Field(() => String, { nullable: true }) reference: string | null;
}
