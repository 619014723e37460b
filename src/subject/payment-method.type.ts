import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum PaymentMethodKind {
  IBAN = "IBAN",
  CARD = "CARD",
}
registerEnumType(PaymentMethodKind, { name: "PaymentMethodKind" });

@ObjectType({ simpleResolvers: true, description: "A stored payment method (billing). Card tokens are processor secrets and never exposed." })
export class PaymentMethod {
  @Field(() => ID) id: string;
  @Field(() => PaymentMethodKind) kind: PaymentMethodKind;
  @Field(() => String, { nullable: true }) iban: string | null;
  @Field(() => String, { nullable: true }) cardLast4: string | null;
  @Field(() => String, { nullable: true }) cardBrand: string | null;
  @Field(() => String, { nullable: true }) holderName: string | null;
  @Field(() => Boolean) active: boolean;
  @Field(() => Date) createdAt: Date;
}
