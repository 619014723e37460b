import { Field, ID, ObjectType } from "type-graphql";
import { NotPersonalData, PrivacyRecord } from "../../policy/field-classification";
import {
  RequestChannel,
  RequestOutcome,
  RequestStatus,
  RightsRequestType,
  VerificationMethod,
} from "./request-enums.graphql";
import { IdDocumentAttestations } from "./id-document-attestations.type";
import { PrivacyRequestTask } from "./rights-request-task.type";

/**
 * A rights request (SPEC §5). What the subject asked for, when, and how it went are the gateway's records
 * about the subject: privacy records, readable for DATA_SUBJECT_RIGHTS only, and nullable so that a denied
 * field nulls itself and not the whole request. The ids carry nothing by themselves.
 */
@ObjectType({ simpleResolvers: true, description: "A data-subject rights request, due 28 days after it was received" })
export class PrivacyRequest {
  @NotPersonalData("opaque request id") @Field(() => ID) id: string;
  @NotPersonalData("opaque gateway subject id") @Field(() => ID) subjectId: string;

  @PrivacyRecord() @Field(() => RightsRequestType, { nullable: true }) type: RightsRequestType | null;
  @PrivacyRecord() @Field(() => RequestChannel, { nullable: true }) channel: RequestChannel | null;
  @PrivacyRecord() @Field(() => Date, { nullable: true }) receivedAt: Date | null;
  @PrivacyRecord() @Field(() => Date, { nullable: true, description: "receivedAt + 28 days" }) dueAt: Date | null;
  @PrivacyRecord() @Field(() => RequestStatus, { nullable: true }) status: RequestStatus | null;

  @PrivacyRecord()
  @Field(() => Boolean, { nullable: true, description: "Open and at day 21 or later (overdue requests included)" })
  dueSoon: boolean | null;

  @PrivacyRecord() @Field(() => Boolean, { nullable: true, description: "Open and past dueAt" }) overdue: boolean | null;

  @PrivacyRecord() @Field(() => VerificationMethod, { nullable: true }) verificationMethod: VerificationMethod | null;

  @PrivacyRecord()
  @Field(() => IdDocumentAttestations, { nullable: true, description: "Recorded with ID_DOCUMENT verification only" })
  attestations: IdDocumentAttestations | null;

  @PrivacyRecord() @Field(() => Date, { nullable: true }) verifiedAt: Date | null;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "Staff id of whoever last acted on the request; null for the subject's own token" })
  handler: string | null;

  @PrivacyRecord() @Field(() => String, { nullable: true }) handlerRole: string | null;
  @PrivacyRecord() @Field(() => String, { nullable: true, description: "The officer's handling notes; null for the subject's own token" }) notes: string | null;
  @PrivacyRecord() @Field(() => RequestOutcome, { nullable: true }) outcome: RequestOutcome | null;
  @PrivacyRecord() @Field(() => String, { nullable: true }) outcomeText: string | null;
  @PrivacyRecord() @Field(() => [String], { nullable: true }) rejectionReasons: string[] | null;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "How to complain to the Autoriteit Persoonsgegevens; set when REJECTED" })
  complaintRoute: string | null;

  @PrivacyRecord() @Field(() => Date, { nullable: true }) completedAt: Date | null;

  @PrivacyRecord()
  @Field(() => String, { nullable: true, description: "Policy version the request was received under" })
  policyVersion: string | null;

  @PrivacyRecord() @Field(() => [PrivacyRequestTask], { nullable: true, description: "Per-source work" })
  tasks: PrivacyRequestTask[] | null;
}
