import { Column, Entity, PrimaryColumn } from "typeorm";

/** privacy.gateway_meta — the gateway's own bookkeeping (e.g. which demo seed was loaded). No personal data. */
@Entity({ schema: "privacy", name: "gateway_meta" })
export class GatewayMetaEntity {
  @PrimaryColumn({ type: "text" }) key: string;
  @Column({ type: "jsonb" }) value: unknown;
  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" }) updatedAt: Date;
}
