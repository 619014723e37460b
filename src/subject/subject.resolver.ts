import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { SubjectContext } from "./subject.context";
import { NestedPersonalData } from "../policy/field-classification";
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
import { SubjectService, type SubjectObject } from "./subject.service";
import { subjectRecords } from "./subject-records";

/** Thin: every field delegates to a service or a loader. */
@Resolver(() => Subject)
export class SubjectResolver {
  constructor(private readonly service: SubjectService) {}

  @Query(() => Subject, { nullable: true, description: "The caller's own subject (customer tokens)" })
  me(@Ctx() ctx: SubjectContext) {
    return this.service.me(ctx);
  }

  @Query(() => Subject, { nullable: true })
  subject(@Arg("id", () => ID) id: string, @Ctx() ctx: SubjectContext) {
    return this.service.get(ctx, id);
  }

  @Query(() => SubjectConnection, { description: "Subjects ordered by id (staff)" })
  subjects(@Args() { first, after }: SubjectsArgs, @Ctx() ctx: SubjectContext) {
    return this.service.page(ctx, first, after);
  }

  @NestedPersonalData()
  @FieldResolver(() => Address, { nullable: true })
  address(@Root() s: SubjectObject) {
    return subjectRecords.address(s);
  }

  @NestedPersonalData()
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() s: SubjectObject, @Ctx() ctx: SubjectContext) {
    return subjectRecords.account(s, ctx.loaders);
  }

  @NestedPersonalData()
  @FieldResolver(() => [LoginEvent], { nullable: true })
  loginEvents(@Root() s: SubjectObject, @Args() { first }: LoginEventsArgs, @Ctx() ctx: SubjectContext) {
    return subjectRecords.loginEvents(s, ctx.loaders, first);
  }

  @NestedPersonalData()
  @FieldResolver(() => [Invoice], { nullable: true })
  invoices(@Root() s: SubjectObject, @Ctx() ctx: SubjectContext) {
    return subjectRecords.invoices(s, ctx.loaders);
  }

  @NestedPersonalData()
  @FieldResolver(() => [Payment], { nullable: true })
  payments(@Root() s: SubjectObject, @Ctx() ctx: SubjectContext) {
    return subjectRecords.payments(s, ctx.loaders);
  }

  @NestedPersonalData()
  @FieldResolver(() => [PaymentMethod], { nullable: true })
  paymentMethods(@Root() s: SubjectObject, @Ctx() ctx: SubjectContext) {
    return subjectRecords.paymentMethods(s, ctx.loaders);
  }

  @NestedPersonalData()
  @FieldResolver(() => IpLogConnection, { nullable: true })
  ipLog(@Root() s: SubjectObject, @Args() args: IpLogArgs, @Ctx() ctx: SubjectContext) {
    return subjectRecords.ipLog(s, ctx.loaders, args);
  }
}
