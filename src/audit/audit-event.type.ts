import { Field, ObjectType } from "type-graphql";
import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import { NestedPersonalData, NotPersonalData } from "../policy/field-classification";
import { AuditAction } from "./audit-action.enum";

/**
 * Nothing here is a data subject's personal data: subjects (and customers acting on their own data) appear
 * only as keyed hashes, and the rest are codes. Role, purpose and categories are plain strings, not the
 * policy enums: an entry keeps the values of its day even after the policy renames or drops one.
 */
@ObjectType({ simpleResolvers: true, description: "A field the caller was refused, and why" })
export class AuditDenial {
  @NotPersonalData("schema coordinate, e.g. Subject.phone") @Field(() => String) field: string;
  @NotPersonalData("error code") @Field(() => String) code: string;
}

@ObjectType({ simpleResolvers: true, description: "One entry of the tamper-evident audit trail" })
export class AuditEvent {
  @NotPersonalData("position in the chain") @Field(() => GraphQLSafeInt) seq: number;
  @NotPersonalData("time of the audited event") @Field(() => Date, { nullable: true }) occurredAt: Date | null;
  @NotPersonalData("event kind") @Field(() => AuditAction, { nullable: true }) action: AuditAction | null;

  @NotPersonalData("staff id, or a keyed hash when a customer acted on their own data")
  @Field(() => String, { nullable: true, description: "Who acted: a staff id, or a keyed hash for customers" })
  actor: string | null;

  @NotPersonalData("role name") @Field(() => String, { nullable: true }) role: string | null;
  @NotPersonalData("purpose name") @Field(() => String, { nullable: true }) purpose: string | null;

  @NotPersonalData("keyed hash (HMAC-SHA256) of the subject id; the key never leaves the gateway")
  @Field(() => String, { nullable: true, description: "Keyed hash of the subject; filter with auditTrail(subjectId:)" })
  subjectHash: string | null;

  @NotPersonalData("category names") @Field(() => [String]) categories: string[];
  @NestedPersonalData() @Field(() => [AuditDenial]) denied: AuditDenial[];
  @NotPersonalData("request correlation id") @Field(() => String, { nullable: true }) requestId: string | null;

  @NotPersonalData("codes and counts only, by contract of AuditEntryInput.detail")
  @Field(() => GraphQLJSONObject, { nullable: true })
  detail: Record<string, unknown> | null;

  @NotPersonalData("policy version label") @Field(() => String, { nullable: true }) policyVersion: string | null;

  @NotPersonalData("the canonical JSON above fields were read from; holds only hashes and codes")
  @Field(() => String, { description: "The exact canonical JSON (RFC 8785) that was hashed" })
  entry: string;

  @NotPersonalData("chain hash") @Field(() => String, { description: "sha256(prevHash + entry), hex" }) hash: string;
  @NotPersonalData("chain hash") @Field(() => String, { description: "The previous entry's hash" }) prevHash: string;
}
