import { Field, ObjectType } from "type-graphql";
import { NestedPersonalData, NotPersonalData } from "../policy/field-classification";
import { PageInfo } from "../common/page-info.type";
import { AuditEvent } from "./audit-event.type";

@ObjectType({ simpleResolvers: true })
export class AuditEventEdge {
  @NotPersonalData("opaque position: the entry's seq") @Field(() => String) cursor: string;
  @NestedPersonalData() @Field(() => AuditEvent) node: AuditEvent;
}

@ObjectType({ simpleResolvers: true, description: "A page of the audit trail, newest first" })
export class AuditEventConnection {
  @NestedPersonalData() @Field(() => [AuditEventEdge]) edges: AuditEventEdge[];
  @NotPersonalData("paging state only") @Field(() => PageInfo) pageInfo: PageInfo;
}
