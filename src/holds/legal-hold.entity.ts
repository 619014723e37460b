import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from "typeorm";
import { RightsRequestEntity } from "../rights/requests/rights-request.entity";

/**
 * privacy.legal_hold — a source record kept, unchanged, although its subject asked for erasure (SPEC §5, §6),
 * with the legal basis and the date the hold ends. One row per held record: repeating an erasure finds the
 * row already there (unique source, record type, record id).
 *
 * `customer_number` is kept on purpose: once crm is erased, nothing else links the held invoices and payments
 * (which carry only the customer number) to anything a LEGAL_TAX reader can ask for. It is the minimum link:
 * no name, no address, no contact data — those stay on the invoice itself, which is fiscal evidence anyway.
 */
@Entity({ schema: "privacy", name: "legal_hold" })
@Unique("legal_hold_record_uq", ["source", "recordType", "recordId"])
@Check("legal_hold_source_chk", `"source" IN ('billing')`)
@Check("legal_hold_record_type_chk", `"record_type" IN ('invoice', 'payment')`)
@Index("legal_hold_subject_idx", ["subjectId"])
@Index("legal_hold_customer_idx", ["customerNumber"])
export class LegalHoldEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "subject_id", type: "uuid" }) subjectId: string;
  @Column({ name: "request_id", type: "uuid", nullable: true }) requestId: string | null;
  @Column({ type: "text" }) source: string;
  @Column({ name: "record_type", type: "text" }) recordType: string;
  @Column({ name: "record_id", type: "uuid" }) recordId: string;
  @Column({ name: "customer_number", type: "text" }) customerNumber: string;
  @Column({ type: "text" }) basis: string;
  @Column({ name: "expires_at", type: "date" }) expiresAt: string;
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" }) createdAt: Date;
  @Column({ name: "released_at", type: "timestamptz", nullable: true }) releasedAt: Date | null;

  // Rights requests are purged 5 years after closure (SPEC §6) while a hold may run longer: the link then
  // becomes null and the hold stays.
  @ManyToOne(() => RightsRequestEntity, { onDelete: "SET NULL" })
  @JoinColumn({ name: "request_id", foreignKeyConstraintName: "legal_hold_request_fk" })
  request?: Relation<RightsRequestEntity>;
}
