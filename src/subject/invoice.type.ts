import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { FieldTag } from "../policy/masking";
import { Identifier, PersonalData } from "../policy/field-classification";

export enum InvoiceStatus {
  OPEN = "OPEN",
  PAID = "PAID",
  OVERDUE = "OVERDUE",
  CREDITED = "CREDITED",
}
registerEnumType(InvoiceStatus, { name: "InvoiceStatus" });

const { PAYMENT } = DataCategory;
const { AMOUNT, REFERENCE, STATUS } = FieldTag;
const money = (description?: string) => Field(() => String, { nullable: true, description });

@ObjectType({ simpleResolvers: true, description: "An issued invoice (billing). Amounts are decimal strings in `currency`." })
export class Invoice {
  @Identifier("opaque invoice id") @Field(() => ID) id: string;
  @PersonalData(PAYMENT, REFERENCE) @Field(() => String, { nullable: true }) invoiceNumber: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true, description: "ISO date" }) invoiceDate: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true, description: "ISO date" }) dueDate: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true }) billingName: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true }) billingStreet: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true }) billingPostalCode: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true }) billingCity: string | null;
  @PersonalData(PAYMENT) @Field(() => String, { nullable: true }) billingCountry: string | null;
  @PersonalData(PAYMENT, AMOUNT) @money() amountExclVat: string | null;
  @PersonalData(PAYMENT, AMOUNT) @money() vatRate: string | null;
  @PersonalData(PAYMENT, AMOUNT) @money() vatAmount: string | null;
  @PersonalData(PAYMENT, AMOUNT) @money() amountInclVat: string | null;
  @PersonalData(PAYMENT, AMOUNT) @money("ISO 4217") currency: string | null;
  @PersonalData(PAYMENT, STATUS) @Field(() => InvoiceStatus, { nullable: true }) status: InvoiceStatus | null;
}
