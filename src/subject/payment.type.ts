import { Field, ID, ObjectType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { FieldTag } from "../policy/masking";
import { Identifier, PersonalData } from "../policy/field-classification";

const { PAYMENT } = DataCategory;

@ObjectType({ simpleResolvers: true, description: "A payment received against an invoice (billing)" })
export class Payment {
  @Identifier("opaque payment id") @Field(() => ID) id: string;
  @PersonalData(PAYMENT, FieldTag.REFERENCE) @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @PersonalData(PAYMENT) @Field(() => Date, { nullable: true }) paidAt: Date | null;
  @PersonalData(PAYMENT, FieldTag.AMOUNT) @Field(() => String, { nullable: true }) amount: string | null;

  @PersonalData(PAYMENT)
  @Field(() => String, { nullable: true, description: "IDEAL, SEPA_DD, CARD or BANK_TRANSFER" })
  method: string | null;

  @PersonalData(PAYMENT) @Field(() => String, { nullable: true, description: "Bank reference text" }) reference: string | null;
}
