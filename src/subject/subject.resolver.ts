import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { GatewayContext } from "../server/context";
import type { CustomerRecord } from "../sources/crm/crm.adapter";
import { Subject } from "./subject.type";
import { SubjectConnection } from "./subject-connection.type";
import { Address } from "./address.type";
import { Account } from "./account.type";
import { LoginEvent } from "./login-event.type";
import { Invoice } from "./invoice.type";
import { Payment } from "./payment.type";
import { PaymentMethod } from "./payment-method.type";
import { IpLogConnection } from "./ip-log.type";
import { IpLogArgs, LoginEventsArgs, SubjectsArgs } from "./subject.args";
import { SubjectService } from "./subject.service";
import { subjectRecords } from "./subject-records.service";

/** Thin: every field delegates to a service or a loader. */
@Resolver(() => Subject)
export class SubjectResolver {
  constructor(private readonly service: SubjectService) {}

  @Query(() => Subject, { nullable: true, description: "The caller's own subject (customer tokens)" })
  me(@Ctx() ctx: GatewayContext) {
    return this.service.me(ctx.principal, ctx.loaders);
  }

  @Query(() => Subject, { nullable: true })
  subject(@Arg("id", () => ID) id: string, @Ctx() ctx: GatewayContext) {
    return this.service.get(ctx.principal, ctx.loaders, id);
  }

  @Query(() => SubjectConnection, { description: "Subjects ordered by customer number (staff)" })
  subjects(@Args() { first, after }: SubjectsArgs, @Ctx() ctx: GatewayContext) {
    return this.service.page(ctx.principal, ctx.loaders, first, after);
  }

  @FieldResolver(() => Address, { nullable: true })
  address(@Root() s: CustomerRecord): Address {
    return { street: s.street, houseNumber: s.houseNumber, postalCode: s.postalCode, city: s.city, country: s.country };
  }

  @FieldResolver(() => Account, { nullable: true })
  account(@Root() s: CustomerRecord, @Ctx() ctx: GatewayContext) {
    return subjectRecords.account(s, ctx.loaders);
  }

  @FieldResolver(() => [LoginEvent], { nullable: true })
  loginEvents(@Root() s: CustomerRecord, @Args() { first }: LoginEventsArgs, @Ctx() ctx: GatewayContext) {
    return subjectRecords.loginEvents(s, ctx.loaders, first);
  }

  @FieldResolver(() => [Invoice], { nullable: true })
  invoices(@Root() s: CustomerRecord, @Ctx() ctx: GatewayContext) {
    return subjectRecords.invoices(s, ctx.loaders);
  }

  @FieldResolver(() => [Payment], { nullable: true })
  payments(@Root() s: CustomerRecord, @Ctx() ctx: GatewayContext) {
    return subjectRecords.payments(s, ctx.loaders);
  }

  @FieldResolver(() => [PaymentMethod], { nullable: true })
  paymentMethods(@Root() s: CustomerRecord, @Ctx() ctx: GatewayContext) {
    return subjectRecords.paymentMethods(s, ctx.loaders);
  }

  @FieldResolver(() => IpLogConnection, { nullable: true })
  ipLog(@Root() s: CustomerRecord, @Args() args: IpLogArgs, @Ctx() ctx: GatewayContext) {
    return subjectRecords.ipLog(s, ctx.loaders, args);
  }
}
