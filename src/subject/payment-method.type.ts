import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { FieldTag } from "../policy/masking";
import { Identifier, PersonalData } from "../policy/field-classification";

export enum PaymentMethodKind {
  IBAN = "IBAN",
  CARD = "CARD",
}
registerEnumType(PaymentMethodKind, { name: "PaymentMethodKind" });

const { PAYMENT } = DataCategory;
const { IBAN, CARD, STATUS } = FieldTag;

@ObjectType({ simpleResolvers: true, description: "A stored payment method (billing). Card tokens are processor secrets and never exposed." })
export class PaymentMethod {
  @Identifier("opaque payment method id") @Field(() => ID) id: string;
  @PersonalData(PAYMENT) @Field(() => PaymentMethodKind, { nullable: true }) kind: PaymentMethodKind | null;

  @PersonalData(PAYMENT, IBAN)
  @Field(() => String, { nullable: true, description: "Masked to country and last four digits for ORDERS" })
  iban: string | null;

  @PersonalData(PAYMENT, CARD) @Field(() => String, { nullable: true }) cardLast4: string | null;
  @PersonalData(PAYMENT, CARD) @Field(() => String, { nullable: true }) cardBrand: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true }) holderName: string | null;
  @PersonalData(PAYMENT, STATUS) @Field(() => Boolean, { nullable: true }) active: boolean | null;
  @PersonalData(PAYMENT) @Field(() => Date, { nullable: true }) createdAt: Date | null;
}
