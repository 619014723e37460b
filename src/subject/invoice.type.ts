import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum InvoiceStatus {
  OPEN = "OPEN",
  PAID = "PAID",
  OVERDUE = "OVERDUE",
  CREDITED = "CREDITED",
}
registerEnumType(InvoiceStatus, { name: "InvoiceStatus" });

@ObjectType({ simpleResolvers: true, description: "An issued invoice (billing). Amounts are decimal strings in `currency`." })
export class Invoice {
  @Field(() => ID) id: string;
  @Field(() => String) invoiceNumber: string;
  @Field(() => String, { description: "ISO date" }) invoiceDate: string;
  @Field(() => String, { description: "ISO date" }) dueDate: string;
  @Field(() => String, { nullable: true }) billingName: string | null;
  @Field(() => String, { nullable: true }) billingStreet: string | null;
  @Field(() => String, { nullable: true }) billingPostalCode: string | null;
  @Field(() => String, { nullable: true }) billingCity: string | null;
  @Field(() => String, { nullable: true }) billingCountry: string | null;
  @Field(() => String) amountExclVat: string;
  @Field(() => String) vatRate: string;
  @Field(() => String) vatAmount: string;
  @Field(() => String) amountInclVat: string;
  @Field(() => String) currency: string;
  @Field(() => InvoiceStatus) status: InvoiceStatus;
}
