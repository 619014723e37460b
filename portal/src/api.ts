/** The page's only way to the gateway: POST /graphql on its own origin, with the customer's bearer token. */
import * as Ops from "../generated/operations";
import type { PolicyDocument } from "./policy-words";


export interface Consent { purpose: string; category: string; status: "GIVEN" | "WITHDRAWN" | null; since: string | null; policyVersion: string | null }
export interface Objection { purpose: string; categories: string[]; since: string | null }
export interface Restriction { reason: string | null; since: string | null }
export interface PrivacyState { currentPolicyVersion: string; consents: Consent[] | null; objections: Objection[] | null; restriction: Restriction | null }
export interface Retention { category: string; rule: string; keptUntil: string | null; deletedOn: string | null; reason: string; explanation: string | null }
export interface Me {
  id: string; customerNumber: string | null; firstName: string | null; lastName: string | null; gender: string | null;
  phone: string | null; email: string | null; notes: string | null; contractStart: string | null; contractEnd: string | null;
  address: { street: string | null; houseNumber: string | null; postalCode: string | null; city: string | null; country: string | null } | null;
  account: { username: string | null; createdAt: string | null; lastLoginAt: string | null; mfaEnabled: boolean | null } | null;
  loginEvents: { occurredAt: string | null; ip: string | null; success: boolean | null; userAgent: string | null }[] | null;
  invoices: { id: string; invoiceNumber: string | null; invoiceDate: string | null; dueDate: string | null; amountInclVat: string | null; currency: string | null; status: string | null }[] | null;
  payments: { id: string; invoiceId: string | null; paidAt: string | null; amount: string | null; method: string | null }[] | null;
  paymentMethods: { id: string; kind: string | null; iban: string | null; cardBrand: string | null; cardLast4: string | null; holderName: string | null; active: boolean | null }[] | null;
  consents: Consent[] | null; objections: Objection[] | null; restriction: Restriction | null; retention: Retention[] | null;
  processing: CategoryProcessing[] | null;
}
export interface IpLogPage { edges: { node: { id: string; occurredAt: string | null; ip: string | null; method: string | null; path: string | null; status: number | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
export interface ProcessingPurpose { purpose: string; basis: string; lawfulBasis: string; inEffect: boolean; suspendedBy: string | null }
export interface CategoryProcessing { category: string; purposes: ProcessingPurpose[] }
/** The access report document, as downloaded (the page only saves it). */
export type ReportJson = Record<string, unknown>;
export interface PrivacyRequest { id: string; type: string | null; status: string | null; receivedAt: string | null; dueAt: string | null; overdue: boolean | null; completedAt: string | null; outcome: string | null; outcomeText: string | null;
  rejectionReasons: string[] | null; complaintRoute: string | null }
export interface ErasedTable { table: string; count: number }
export interface KeptRecord { recordType: string; recordId: string; reason: string; until: string }
export interface Erasure { requestId: string; status: string; sources: { source: string; status: string; erased: ErasedTable[]; kept: KeptRecord[] }[] }
export interface ErasurePreview { judgedOn: string; sources: { source: string; errorCode: string | null; erased: ErasedTable[]; kept: KeptRecord[] }[] }

export interface Results {
  MyPolicy: { policy: PolicyDocument };
  MyData: { me: Me | null };
  MyIpLog: { me: { id: string; ipLog: IpLogPage | null } | null };
  MyAccessReport: { accessReport: { subjectId: string; formatVersion: string; generatedAt: string; json: ReportJson } | null };
  MyRequests: { privacyRequests: { edges: { node: PrivacyRequest }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null };
  Rectify: { rectifySubject: { changedFields: string[]; categories: string[] } };
  WithdrawConsent: { withdrawConsent: PrivacyState };
  GiveConsent: { giveConsent: PrivacyState };
  ObjectToProcessing: { objectToProcessing: PrivacyState };
  WithdrawObjection: { withdrawObjection: PrivacyState };
  RestrictProcessing: { restrictProcessing: PrivacyState };
  LiftRestriction: { liftRestriction: PrivacyState };
  MyErasurePreview: { erasurePreview: ErasurePreview };
  EraseMe: { eraseSubject: Erasure };
}

/** A GraphQL error as the gateway reports it: a code, a message without the caller's values, and for input errors the fields. */
export class GatewayError extends Error {
  constructor(message: string, readonly code: string, readonly fields: string[]) { super(message); }
}

export async function gql<N extends keyof Results>(token: string, name: N, variables: Record<string, unknown> = {}): Promise<Results[N]> {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: Ops[name], operationName: name, variables }),
  });
  const body = (await res.json()) as { data?: Results[N] | null; errors?: { message: string; extensions?: { code?: string; fields?: string[] } }[] };
  const err = body.errors?.[0];
  if (err) throw new GatewayError(err.message, err.extensions?.code ?? "ERROR", err.extensions?.fields ?? []);
  if (!body.data) throw new GatewayError(`HTTP ${res.status}`, "ERROR", []);
  return body.data;
}

/** A file from one of the gateway's download routes (same origin, same bearer token), with the name it suggests. */
export async function download(token: string, path: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    // Refusals come in the GraphQL error shape.
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string; extensions?: { code?: string } }[] };
    const err = body.errors?.[0];
    throw new GatewayError(err?.message ?? `HTTP ${res.status}`, err?.extensions?.code ?? "ERROR", []);
  }
  const fileName = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "download";
  return { blob: await res.blob(), fileName };
}
