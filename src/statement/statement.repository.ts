import type { DataSource } from "typeorm";
import { StoreStatements } from "../db/store-statements";
import type { Language } from "../policy/policy-texts";

export type StatementTexts = Partial<Record<Language, { html: string; markdown: string }>>;

export interface StoredStatement {
  version: string;
  publishedAt: Date;
  texts: StatementTexts;
}

const COLUMNS = `version, published_at AS "publishedAt", texts`;
// Several gateways starting at once: the first insert wins, the others change nothing and read the winner's row.
const PUBLISH_SQL = `INSERT INTO privacy.privacy_statement (version, published_at, texts) VALUES ($1, $2, $3::jsonb)
  ON CONFLICT (version) DO NOTHING`;
const ONE_SQL = `SELECT ${COLUMNS} FROM privacy.privacy_statement WHERE version = $1`;
const ALL_SQL = `SELECT ${COLUMNS} FROM privacy.privacy_statement ORDER BY published_at DESC, version DESC`;

/** The published privacy statements: the only code that knows privacy.privacy_statement. */
export class StatementRepository {
  private readonly sql: StoreStatements;

  constructor(ds: DataSource) {
    this.sql = new StoreStatements("privacy", ds);
  }

  /** Stores `s` unless its version is already published; returns the stored one (the earlier publication wins). */
  async publish(s: StoredStatement): Promise<StoredStatement> {
    await this.sql.run(PUBLISH_SQL, [s.version, s.publishedAt, JSON.stringify(s.texts)]);
    const [row] = await this.sql.run<StoredStatement>(ONE_SQL, [s.version]);
    return row;
  }

  list(): Promise<StoredStatement[]> {
    return this.sql.rows<StoredStatement>(ALL_SQL, []);
  }
}
