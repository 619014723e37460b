import type { DataSource } from "typeorm";
import { StoreStatements } from "../../db/store-statements";

/** A customer as the gateway sees it (camelCase, one row of crm.customer). */
export interface CustomerRecord {
  id: string;
  customerNumber: string;
  firstName: string;
  lastName: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  country: string;
  gender: string | null;
  phone: string;
  email: string;
  notes: string | null;
  contractStart: string;
  contractEnd: string | null;
}

const COLUMNS = `id, customer_number AS "customerNumber", first_name AS "firstName", last_name AS "lastName",
  street, house_number AS "houseNumber", postal_code AS "postalCode", city, country, gender, phone, email, notes,
  contract_start AS "contractStart", contract_end AS "contractEnd"`;

export const CUSTOMER_BY_IDS_SQL = `SELECT ${COLUMNS} FROM crm.customer WHERE id = ANY($1::uuid[])`;

/**
 * Keyset page ordered by subject id ($1: the last id seen, or null; $2: limit). Ordered by the opaque id,
 * not the customer number, so that cursors carry no personal data to purposes that may not see it.
 */
export const CUSTOMER_PAGE_SQL = `SELECT ${COLUMNS} FROM crm.customer
  WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`;

/** Subject ids by customer number or by e-mail address (case-insensitive), for naming a subject in a legal demand. */
export const CUSTOMER_IDS_BY_NUMBERS_SQL = `SELECT id FROM crm.customer WHERE customer_number = ANY($1::text[]) ORDER BY id`;
export const CUSTOMER_IDS_BY_EMAIL_SQL = `SELECT id FROM crm.customer WHERE lower(email) = lower($1) ORDER BY id`;

/**
 * Customers whose contract ended before the day `$1` (the contract-end rule's first kept anchor), keyset-paged by
 * id ($2: the last id seen, or null; $3: limit). A still-running contract (no end) never matches.
 */
export const ENDED_CONTRACTS_SQL = `SELECT id FROM crm.customer
  WHERE contract_end < $1::date AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`;

/** The CRM service: the only code that knows the crm tables. */
export class CrmAdapter {
  private readonly sql: StoreStatements;

  constructor(ds: DataSource) {
    this.sql = new StoreStatements("crm", ds);
  }

  /** Customers by id, in the order asked (null where there is none). One statement for any number of ids. */
  async findByIds(ids: readonly string[]): Promise<(CustomerRecord | null)[]> {
    const rows = await this.sql.rows<CustomerRecord>(CUSTOMER_BY_IDS_SQL, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Ids of customers whose contract ended before `beforeDay` (YYYY-MM-DD), after `afterId`, at most `limit`. */
  async endedContracts(beforeDay: string, afterId: string | null, limit: number): Promise<string[]> {
    return (await this.sql.rows<{ id: string }>(ENDED_CONTRACTS_SQL, [beforeDay, afterId, limit])).map((r) => r.id);
  }

  /** The ids of the customers with these customer numbers (unknown numbers are absent). */
  async idsByCustomerNumbers(customerNumbers: readonly string[]): Promise<string[]> {
    if (customerNumbers.length === 0) return [];
    return (await this.sql.rows<{ id: string }>(CUSTOMER_IDS_BY_NUMBERS_SQL, [customerNumbers])).map((r) => r.id);
  }

  /** The ids of the customers with this e-mail address (compared without case). */
  async idsByEmail(email: string): Promise<string[]> {
    return (await this.sql.rows<{ id: string }>(CUSTOMER_IDS_BY_EMAIL_SQL, [email])).map((r) => r.id);
  }

  /** Keyset page ordered by id: `limit` rows after `afterId`. */
  async page(limit: number, afterId: string | null): Promise<CustomerRecord[]> {
    return this.sql.rows<CustomerRecord>(CUSTOMER_PAGE_SQL, [afterId, limit]);
  }

  /**
   * Rectification (art. 16): sets only the given columns of one customer (and updated_at) in ONE
   * auto-committed statement. Returns false when there is no such customer. Through the same pool call as
   * the reads: a single statement needs no transaction, and driver errors become StoreUnavailableError.
   */
  async rectify(id: string, changes: CustomerChanges): Promise<boolean> {
    const fields = (Object.keys(changes) as (keyof CustomerChanges)[]).filter((f) => changes[f] !== undefined);
    if (fields.length === 0) throw new Error("rectify: no columns to set");
    const params: unknown[] = [id];
    const sets = fields.map((f) => {
      if (!Object.hasOwn(CUSTOMER_WRITABLE_COLUMNS, f)) throw new Error("rectify: column is not writable");
      const column = CUSTOMER_WRITABLE_COLUMNS[f];
      params.push(changes[f]);
      return `${column} = $${params.length}`;
    });
    const sql = `UPDATE crm.customer SET ${sets.join(", ")}, updated_at = now() WHERE id = $1::uuid RETURNING id`;
    return (await this.sql.rows<{ id: string }>(sql, params)).length === 1;
  }

  /**
   * Erasure (art. 17): deletes the customer row. One auto-committed statement; deleting a row that is
   * already gone deletes 0 rows, so a repeated or resumed erasure is harmless.
   */
  async eraseCustomer(id: string): Promise<{ customer: number }> {
    const [row] = await this.sql.rows<{ n: number }>(ERASE_CUSTOMER_SQL, [id]);
    return { customer: row.n };
  }
}

export const ERASE_CUSTOMER_SQL = `WITH d AS (DELETE FROM crm.customer WHERE id = $1::uuid RETURNING 1)
  SELECT count(*)::int AS n FROM d`;

/** The crm columns a rectification may set (customer number, contract dates and ids are never rectified here). */
export type CustomerChanges = Partial<
  Pick<
    CustomerRecord,
    "firstName" | "lastName" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "phone" | "email" | "notes" | "gender"
  >
>;

/** Record field → crm.customer column; a fixed list, so no caller-supplied name ever reaches the SQL text. */
export const CUSTOMER_WRITABLE_COLUMNS: Readonly<Record<keyof CustomerChanges, string>> = {
  firstName: "first_name",
  lastName: "last_name",
  street: "street",
  houseNumber: "house_number",
  postalCode: "postal_code",
  city: "city",
  country: "country",
  phone: "phone",
  email: "email",
  notes: "notes",
  gender: "gender",
};
