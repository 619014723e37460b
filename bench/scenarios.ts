/**
 * The benchmark scenarios: the same read, once as a GraphQL operation for the gateway and once as a plain
 * JSON request for the raw server. Both must produce the same JSON (checked before any timing).
 */

/** Page sizes asked for inside every subject; the raw server uses the same numbers (see raw-shape.ts). */
export const LOGIN_EVENTS_FIRST = 20;
export const IP_LOG_FIRST = 20;
export const LIST_SIZE = 100;

/** Every field of Subject, in the order the raw server assembles them (deep-equal ignores order anyway). */
const SUBJECT_SELECTION = `
  id customerNumber firstName lastName gender phone email notes contractStart contractEnd
  address { street houseNumber postalCode city country }
  account { id username mfaEnabled createdAt lastLoginAt }
  loginEvents(first: ${LOGIN_EVENTS_FIRST}) { id accountId occurredAt ip success userAgent }
  invoices {
    id invoiceNumber invoiceDate dueDate billingName billingStreet billingPostalCode billingCity billingCountry
    amountExclVat vatRate vatAmount amountInclVat currency status
  }
  payments { id invoiceId paidAt amount method reference }
  paymentMethods { id kind iban cardLast4 cardBrand holderName active createdAt }
  ipLog(first: ${IP_LOG_FIRST}) {
    edges { cursor node { id occurredAt ip method path status userAgent } }
    pageInfo { hasNextPage endCursor }
  }`;

export const SUBJECT_QUERY = `query BenchSubject($id: ID!) { subject(id: $id) { ${SUBJECT_SELECTION} } }`;

export const SUBJECTS_QUERY = `query BenchSubjects($first: Int!) {
  subjects(first: $first) { edges { cursor node { ${SUBJECT_SELECTION} } } pageInfo { hasNextPage endCursor } }
}`;

/** The access report (GDPR art. 15) of one subject as one JSON document. */
export const REPORT_QUERY = `query BenchReport($id: ID!) { accessReport(subjectId: $id, format: JSON) { json } }`;

/** One HTTP request (always POST with a JSON body). */
export interface RequestSpec {
  path: string;
  body: string;
}

export interface Scenario {
  key: "subject" | "subjects" | "report";
  title: string;
  /** SPEC §9: minimum gateway/raw throughput ratio. */
  target: number;
  /** Requests each connection cycles through (several subjects, so no single row stays hot). */
  gateway: RequestSpec[];
  raw: RequestSpec[];
}

export const gatewayRequest = (query: string, variables: Record<string, unknown>): RequestSpec => ({
  path: "/graphql",
  body: JSON.stringify({ query, variables }),
});

export const rawSubjectsRequest = (first: number): RequestSpec => ({
  path: "/subjects",
  body: JSON.stringify({ first }),
});

/**
 * Scenario A rotates over `subjectIds` (subjects that have an account); scenario B is one fixed page; the
 * report scenario rotates over the same subjects as A. (The erase scenario is not a load test: erase-bench.ts.)
 */
export function buildScenarios(subjectIds: readonly string[]): Scenario[] {
  if (subjectIds.length === 0) throw new Error("no subject with an account to benchmark");
  return [
    {
      key: "subject",
      title: `A: subject(id) full profile, rotating over ${subjectIds.length} subjects`,
      target: 0.8,
      gateway: subjectIds.map((id) => gatewayRequest(SUBJECT_QUERY, { id })),
      raw: subjectIds.map((id) => ({ path: "/subject", body: JSON.stringify({ id }) })),
    },
    {
      key: "subjects",
      title: `B: subjects(first: ${LIST_SIZE}) with every source`,
      target: 0.5,
      gateway: [gatewayRequest(SUBJECTS_QUERY, { first: LIST_SIZE })],
      raw: [rawSubjectsRequest(LIST_SIZE)],
    },
    {
      key: "report",
      title: `R: accessReport(subjectId, format: JSON), rotating over the ${subjectIds.length} subjects of A`,
      target: 0.8,
      gateway: subjectIds.map((id) => gatewayRequest(REPORT_QUERY, { id })),
      raw: subjectIds.map((id) => ({ path: "/report", body: JSON.stringify({ id }) })),
    },
  ];
}
