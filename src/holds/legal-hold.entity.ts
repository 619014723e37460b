import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { HoldKind } from "./legal-hold";

const KINDS = Object.values(HoldKind).map((k) => `'${k}'`).join(", ");

/**
 * privacy.legal_hold — a source record kept, unchanged, under a legal hold (SPEC §5, §6): of which kind, on
 * which basis, and the last day it holds. Any source and record type can be held. One row per record and
 * kind: repeating an erasure finds its row already there.
 *
 * `customer_number` is kept on purpose: once crm is erased, nothing else links the held invoices and payments
 * (which carry only the customer number) to anything a LEGAL_TAX reader can ask for. It is the minimum link:
 * no name, no address, no contact data — those stay on the invoice itself, which is fiscal evidence anyway.
 */
@Entity({ schema: "privacy", name: "legal_hold" })
@Unique("legal_hold_record_kind_uq", ["source", "recordType", "recordId", "kind"])
@Check("legal_hold_kind_chk", `"kind" IN (${KINDS})`)
@Index("legal_hold_subject_idx", ["subjectId"])
@Index("legal_hold_customer_idx", ["customerNumber"])
export class LegalHoldEntity {
  @PrimaryGeneratedColumn("uuid") id: string;
  @Column({ name: "subject_id", type: "uuid" }) subjectId: string;

  // Rights requests are purged 5 years after closure (SPEC §6) while a hold may run longer: the link then
  // becomes null and the hold stays. Named by table, so holds do not depend on the rights code.
  @Column({ name: "request_id", type: "uuid", nullable: true })
  @ForeignKey("rights_request", { name: "legal_hold_request_fk", onDelete: "SET NULL" })
  requestId: string | null;

  // The preservation order (Sv 126ni) behind a PRESERVATION hold; no foreign key (see migration 013).
  @Column({ name: "demand_id", type: "uuid", nullable: true }) demandId: string | null;

  // The litigation hold behind a LITIGATION hold (privacy.litigation_hold, migration 016); released with it.
  @Column({ name: "litigation_id", type: "uuid", nullable: true }) litigationId: string | null;

  @Column({ type: "text" }) source: string;
  @Column({ name: "record_type", type: "text" }) recordType: string;
  @Column({ name: "record_id", type: "uuid" }) recordId: string;
  @Column({ type: "text" }) kind: HoldKind;
  @Column({ name: "customer_number", type: "text" }) customerNumber: string;
  @Column({ type: "text" }) basis: string;
  @Column({ name: "expires_at", type: "date" }) expiresAt: string;
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" }) createdAt: Date;
  @Column({ name: "released_at", type: "timestamptz", nullable: true }) releasedAt: Date | null;
}
