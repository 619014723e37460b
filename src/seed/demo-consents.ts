import type { DataSource } from "typeorm";
import { CONSENT_CELLS, type PolicyCell } from "../policy/policy-cells";
import { POLICY_VERSION } from "../policy/policy-version";
import { DirectiveKind } from "../rights/choices/directive";
import { insertRows, type TableSpec } from "./bulk-insert";
import type { CustomerRow } from "./demo-data.types";

/** One consent a demo customer gave: a CONSENT_GIVEN directive (src/rights/choices/directive.ts). */
interface ConsentGivenRow {
  subjectId: string;
  cell: PolicyCell;
  recordedAt: string;
}

const consentGiven: TableSpec<ConsentGivenRow> = {
  table: "privacy.subject_directive",
  columns: [
    ["subject_id", "uuid", (r) => r.subjectId],
    ["kind", "text", () => DirectiveKind.CONSENT_GIVEN],
    ["purpose", "text", (r) => r.cell.purpose],
    ["category", "text", (r) => r.cell.category],
    ["recorded_at", "timestamptz", (r) => r.recordedAt],
    ["recorded_by_role", "text", () => "customer"],
    ["policy_version", "text", () => POLICY_VERSION],
  ],
};

/**
 * Every demo customer gave every consent the policy asks for when signing up: recorded at the customer record's
 * creation (sign-up, derived from the seed data, so deterministic) under the policy version in force. Without
 * these the portal would show consents given at no time under no version.
 */
function demoConsents(customers: readonly CustomerRow[]): ConsentGivenRow[] {
  return customers.flatMap((c) => CONSENT_CELLS.map((cell) => ({ subjectId: c.id, cell, recordedAt: c.createdAt })));
}

/** Writes them in one transaction on the privacy store; returns how many. */
export function insertDemoConsents(privacy: DataSource, customers: readonly CustomerRow[]): Promise<number> {
  return privacy.transaction((tx) => insertRows(tx, consentGiven, demoConsents(customers)));
}

/**
 * Before a forced reseed wipes crm: every consent-given directive of the customers about to go — the seeder's and
 * any given later (read from crm, deleted on the privacy store; never a cross-store statement). Their other
 * directives stay as evidence.
 */
export async function deleteDemoConsents(crm: DataSource, privacy: DataSource): Promise<void> {
  const rows: Array<{ id: string }> = await crm.query(`SELECT id FROM crm.customer`);
  if (rows.length === 0) return;
  await privacy.query(`DELETE FROM privacy.subject_directive WHERE kind = $1 AND subject_id = ANY($2::uuid[])`, [
    DirectiveKind.CONSENT_GIVEN,
    rows.map((r) => r.id),
  ]);
}
