import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import type { Role } from "../../policy/roles";
import type {
  RequestChannel,
  RequestOutcome,
  RequestStatus,
  RightsRequestType,
  VerificationMethod,
} from "./rights-request";

/**
 * privacy.rights_request — one row per rights request (SPEC §5), kept as evidence of when it came in, how
 * the requester was verified, who handled it and how it ended. Rows are written only by
 * RightsRequestRepository (plain SQL); the entity declares the table so the drift test can compare it.
 *
 * No ID image or document data is ever stored: only the method and four yes/no attestations. The checks
 * repeat the service's rules so that no other writer can store a half-verified or undated request.
 */
@Entity({ schema: "privacy", name: "rights_request" })
@Index("rights_request_subject_idx", ["subjectId", "receivedAt"])
@Index("rights_request_open_due_idx", ["dueAt", "id"], { where: `"status" IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS')` })
@Check(
  "rights_request_type_chk",
  `"type" IN ('ACCESS', 'RECTIFY', 'ERASE', 'OBJECT', 'WITHDRAW_CONSENT', 'RESTRICT', 'PORTABILITY', 'GIVE_CONSENT', 'WITHDRAW_OBJECTION')`,
)
@Check("rights_request_channel_chk", `"channel" IN ('PORTAL', 'EMAIL')`)
@Check("rights_request_status_chk", `"status" IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED')`)
@Check("rights_request_due_chk", `"due_at" = "received_at" + interval '672 hours'`)
@Check(
  "rights_request_verified_chk",
  `("verification_method" IS NULL) = ("verified_at" IS NULL)
   AND ("verification_method" IS NOT NULL OR "status" IN ('RECEIVED', 'REJECTED'))
   AND ("verification_method" IS NULL OR "verification_method" IN ('PORTAL_LOGIN', 'EMAIL_CHALLENGE', 'ID_DOCUMENT'))`,
)
@Check(
  "rights_request_id_document_chk",
  `COALESCE("verification_method" = 'ID_DOCUMENT', false) = ("attest_photo_hidden" IS NOT NULL)
   AND ("verification_method" IS DISTINCT FROM 'ID_DOCUMENT' OR ("attest_photo_hidden" AND "attest_mrz_hidden"
        AND "attest_document_number_hidden" AND "attest_bsn_hidden"))`,
)
@Check(
  "rights_request_closed_chk",
  `("status" IN ('COMPLETED', 'REJECTED')) = ("completed_at" IS NOT NULL)
   AND ("status" IN ('COMPLETED', 'REJECTED')) = ("outcome" IS NOT NULL)
   AND ("status" = 'REJECTED') = ("outcome" = 'REJECTED')
   AND ("status" = 'REJECTED') = (cardinality("rejection_reasons") > 0)`,
)
export class RightsRequestEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "subject_id", type: "uuid" }) subjectId: string;
  @Column({ type: "text" }) type: RightsRequestType;
  @Column({ type: "text" }) channel: RequestChannel;
  @Column({ name: "received_at", type: "timestamptz" }) receivedAt: Date;
  @Column({ name: "due_at", type: "timestamptz" }) dueAt: Date;
  @Column({ type: "text" }) status: RequestStatus;
  @Column({ name: "verification_method", type: "text", nullable: true }) verificationMethod: VerificationMethod | null;
  @Column({ name: "attest_photo_hidden", type: "boolean", nullable: true }) attestPhotoHidden: boolean | null;
  @Column({ name: "attest_mrz_hidden", type: "boolean", nullable: true }) attestMrzHidden: boolean | null;
  @Column({ name: "attest_document_number_hidden", type: "boolean", nullable: true }) attestDocumentNumberHidden: boolean | null;
  @Column({ name: "attest_bsn_hidden", type: "boolean", nullable: true }) attestBsnHidden: boolean | null;
  @Column({ name: "verified_at", type: "timestamptz", nullable: true }) verifiedAt: Date | null;
  /** Staff actor id of whoever last acted on the request; customers acting on their own leave it null. */
  @Column({ type: "text", nullable: true }) handler: string | null;
  @Column({ name: "handler_role", type: "text", nullable: true }) handlerRole: Role | null;
  @Column({ type: "text", nullable: true }) notes: string | null;
  @Column({ type: "text", nullable: true }) outcome: RequestOutcome | null;
  @Column({ name: "outcome_text", type: "text", nullable: true }) outcomeText: string | null;
  @Column({ name: "rejection_reasons", type: "text", array: true, default: () => "'{}'" }) rejectionReasons: string[];
  @Column({ name: "completed_at", type: "timestamptz", nullable: true }) completedAt: Date | null;
  @Column({ name: "policy_version", type: "text" }) policyVersion: string;
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" }) createdAt: Date;
  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" }) updatedAt: Date;
}
