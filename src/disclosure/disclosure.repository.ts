import type { DataSource, EntityManager } from "typeorm";
import { StoreStatements } from "../db/store-statements";
import type { DisclosureManifest, NewManifest } from "./disclosure";

const COLUMNS = `id, demand_id AS "demandId", executed_by AS "executedBy", executed_at AS "executedAt",
  format_version AS "formatVersion", fields, record_ids AS "recordIds", payload_sha256 AS "payloadSha256",
  window_open AS "windowOpen"`;

const INSERT_SQL = `INSERT INTO privacy.disclosure
    (demand_id, executed_by, executed_at, format_version, fields, record_ids, payload_sha256, window_open)
  VALUES ($1, $2, $3, $4, $5::text[], $6::jsonb, $7, $8) RETURNING ${COLUMNS}`;

const OF_DEMAND_SQL = `SELECT ${COLUMNS} FROM privacy.disclosure WHERE demand_id = $1 ORDER BY executed_at, id`;

/** The disclosure manifests: the only code that knows privacy.disclosure. */
export class DisclosureRepository {
  private readonly sql: StoreStatements;

  constructor(ds: DataSource) {
    this.sql = new StoreStatements("privacy", ds);
  }

  async insert(manager: EntityManager, m: NewManifest): Promise<DisclosureManifest> {
    const [row] = (await manager.query(INSERT_SQL, [m.demandId, m.executedBy, m.executedAt, m.formatVersion, m.fields,
      JSON.stringify(m.recordIds), m.payloadSha256, m.windowOpen])) as DisclosureManifest[];
    return row;
  }

  /** Every execution of a demand, oldest first. */
  ofDemand(demandId: string): Promise<DisclosureManifest[]> {
    return this.sql.rows<DisclosureManifest>(OF_DEMAND_SQL, [demandId]);
  }
}
