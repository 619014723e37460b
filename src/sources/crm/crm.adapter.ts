import type { DataSource } from "typeorm";
import { SourceReader } from "../source-reader";

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

/** The CRM service: the only code that knows the crm tables. */
export class CrmAdapter {
  private readonly sql: SourceReader;

  constructor(ds: DataSource) {
    this.sql = new SourceReader("crm", ds);
  }

  /** Customers by id, in the order asked (null where there is none). One statement for any number of ids. */
  async findByIds(ids: readonly string[]): Promise<(CustomerRecord | null)[]> {
    const rows = await this.sql.rows<CustomerRecord>(CUSTOMER_BY_IDS_SQL, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Keyset page ordered by id: `limit` rows after `afterId`. */
  async page(limit: number, afterId: string | null): Promise<CustomerRecord[]> {
    return this.sql.rows<CustomerRecord>(CUSTOMER_PAGE_SQL, [afterId, limit]);
  }
}
