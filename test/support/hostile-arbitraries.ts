import fc from "fast-check";
import {
  getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isRequiredArgument,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLOutputType, type GraphQLSchema,
} from "graphql";

/**
 * fast-check arbitraries for hostile GraphQL-over-HTTP requests, built from the gateway's own schema so that
 * every root field and argument is reached: valid-ish operations with hostile values (as literals or as
 * variables), broken documents, wrong types, odd headers and bodies. Every value the caller chooses carries
 * `marker`, which must never come back in an error.
 */
export interface HostileRequest {
  method: "POST" | "GET" | "HEAD";
  headers: Record<string, string>;
  body?: string;
  query?: string; // GET: the URL's query string
}

export interface HostileContext {
  schema: GraphQLSchema;
  marker: string;
  ids: string[]; // real ids (subjects, requests): hostile values sometimes name something that exists
  callers: { authorization: string; purpose?: string }[]; // valid "Bearer …" headers of every role, with a purpose it may declare
}

const INJECTIONS = [
  "' OR 1=1 --", "'; DROP TABLE crm.customer; --", "\" OR \"\"=\"", "$1", "%s%s%n", "\\", "\\u0000", "\u0000", "\u0007\u001b[2J",
  "\u0085\u2028\u2029", "\ud800", "\udfff", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "../../../etc/passwd", "{{7*7}}",
  "__proto__", "constructor", "NaN", "-0", "1e309", "null", "true", "2026-02-30T25:61:00Z", "0000-00-00", "\u202e", "ﷺ", "😀".repeat(3),
];
const PRINTABLE = fc.constantFrom(..." !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

export function hostileArbitraries(ctx: HostileContext) {
  const { schema, marker } = ctx;
  const noise = fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 1, max: 20_000 }).map((n) => "x".repeat(n)),
  );
  /** A string holding the marker somewhere among hostile noise. */
  const text = fc.tuple(noise, noise).map(([a, b]) => `${a}${marker}${b}`);
  const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true },
      text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(2 ** 31, -(2 ** 53), 1.5),
      fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.oneof(text, fc.constantFrom("id", "notes", "__proto__")), tie("value"), { maxKeys: 3 })),
  })).value;

  /** A value for an input type: usually of that type (with hostile strings), sometimes anything at all. */
  const valueFor = (type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> => {
    const inner = isNonNullType(type) ? type.ofType : type;
    const typed: fc.Arbitrary<unknown> = isListType(inner)
      ? fc.array(valueFor(inner.ofType, depth + 1), { maxLength: 3 })
      : isInputObjectType(inner)
        ? depth > 3 ? fc.constant({}) : fc.record(Object.fromEntries(Object.values(inner.getFields()).map((f) => [f.name, valueFor(f.type, depth + 1)])), { requiredKeys: [] })
        : isEnumType(inner)
          ? fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), fc.constant(`${marker}_X`))
          : ({
              ID: fc.oneof(fc.constantFrom(...ctx.ids), text),
              Int: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 100 }), weight: 8 }, fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 1e21)),
              Boolean: fc.boolean(),
              DateTimeISO: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text),
            } as Record<string, fc.Arbitrary<unknown>>)[inner.name] ?? text;
    return fc.oneof({ arbitrary: typed, weight: 30 }, { arbitrary: json, weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
  };

  /** GraphQL literal syntax for a JSON-ish value; enum-like strings stay bare names when `asEnum`. */
  const literal = (value: unknown, asEnum: boolean): string => {
    if (typeof value === "string") return asEnum && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map((v) => literal(v, asEnum)).join(", ")}]`;
    if (value && typeof value === "object") {
      return `{${Object.entries(value).filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k)).map(([k, v]) => `${k}: ${literal(v, asEnum)}`).join(", ")}}`;
    }
    return String(value);
  };

  const selection = (type: GraphQLOutputType, depth: number): fc.Arbitrary<string> => {
    const named = getNamedType(type);
    if (isLeafType(named) || !isObjectType(named)) return fc.constant("");
    const fields = Object.values(named.getFields()).filter((f) => !f.args.some(isRequiredArgument));
    if (depth > 2 || fields.length === 0) return fc.constant("{ __typename }");
    return fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 4, selector: (f) => f.name })
      .chain((picked) => fc.tuple(...picked.map((f) => selection(f.type, depth + 1).map((sub) => `${f.name} ${sub}`))))
      .map((parts) => `{ ${parts.join(" ")} }`);
  };

  /** Left out, written as a literal, or passed as a variable; a required argument is seldom left out. */
  const how = (required: boolean) => fc.oneof(
    { arbitrary: fc.constant("omit"), weight: required ? 1 : 4 },
    { arbitrary: fc.constant("literal"), weight: 4 },
    { arbitrary: fc.constant("variable"), weight: 4 },
  );

  /** One root field with each argument left out, written as a literal, or passed as a variable. */
  const rootCall = (field: GraphQLField<unknown, unknown>, prefix: string) =>
    fc.tuple(
      fc.tuple(...field.args.map((arg: GraphQLArgument) => fc.tuple(how(isRequiredArgument(arg)), valueFor(arg.type)))),
      selection(field.type, 0),
    ).map(([args, sub]) => {
      const used = field.args.map((arg, i) => ({ arg, how: args[i][0], value: args[i][1] })).filter((a) => a.how !== "omit");
      const text = used.map(({ arg, how, value }) => `${arg.name}: ${how === "variable" ? `$${prefix}${arg.name}` : literal(value, isEnumType(getNamedType(arg.type)))}`);
      const definitions = used.filter((a) => a.how === "variable").map((a) => `$${prefix}${a.arg.name}: ${a.arg.type}`);
      const variables = Object.fromEntries(used.filter((a) => a.how === "variable").map((a) => [`${prefix}${a.arg.name}`, a.value]));
      return { call: `${prefix}: ${field.name}${text.length ? `(${text.join(", ")})` : ""} ${sub}`, definitions, variables };
    });

  const operation = (kind: "query" | "mutation") => {
    const root = kind === "query" ? schema.getQueryType()! : schema.getMutationType()!;
    const calls = Object.values(root.getFields()).map((f) => f);
    return fc.array(fc.constantFrom(...calls), { minLength: 1, maxLength: 3 })
      .chain((fields) => fc.tuple(...fields.map((f, i) => rootCall(f, `r${i}`))))
      .map((parts) => ({
        query: `${kind} Op${parts.some((p) => p.definitions.length) ? `(${parts.flatMap((p) => p.definitions).join(", ")})` : ""} { ${parts.map((p) => p.call).join(" ")} }`,
        variables: Object.assign({}, ...parts.map((p) => p.variables)) as Record<string, unknown>,
      }));
  };

  /**
   * Documents that do not parse or validate: cut, spliced, nested too deep, or just noise. What is spliced in
   * is a quoted string: a marker that lands where a name belongs would be an identifier, which messages may
   * name (`Cannot query field "…"`); values they may not.
   */
  const quoted = fc.string({ unit: "binary", maxLength: 8 }).map((junk) => JSON.stringify(`${junk}${marker}`));
  const broken = fc.oneof(
    fc.tuple(operation("query"), fc.nat(), quoted).map(([op, at, junk]) => op.query.slice(0, at % (op.query.length + 1)) + junk),
    fc.tuple(operation("query"), fc.nat(), quoted).map(([op, at, junk]) => {
      const i = at % (op.query.length + 1);
      return `${op.query.slice(0, i)}${junk}${op.query.slice(i)}`;
    }),
    fc.integer({ min: 1, max: 3000 }).map((n) => `{ ${"subjects(first: 1) { edges { node { ".repeat(n)} id ${"} } }".repeat(n)} }`),
    fc.integer({ min: 1, max: 300 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: subjects(first: 100) { edges { cursor } }`).join(" ")} }`),
    fc.constantFrom("subscription { __typename }", "{ __schema { types { name } } }", "query A { __typename } query A { __typename }",
      "{ ...F } fragment F on Query { ...F }", `{ subject(id: """${marker}""") { id } }`, `{ subject(id: "${marker}\\u00") { id } }`),
    text,
  );

  const document = fc.oneof(
    { arbitrary: operation("query"), weight: 4 },
    { arbitrary: operation("mutation"), weight: 3 },
    { arbitrary: broken.map((query) => ({ query, variables: {} as Record<string, unknown> })), weight: 2 },
  );

  const headerText = fc.tuple(fc.string({ unit: PRINTABLE, maxLength: 10 }), fc.string({ unit: PRINTABLE, maxLength: 10 })).map(([a, b]) => `${a}${marker}${b}`);
  const authorizations = ctx.callers.map((c) => c.authorization);
  const caller = fc.oneof(
    { arbitrary: fc.constantFrom(...ctx.callers).map((c) => (c.purpose ? { authorization: c.authorization, "x-purpose": c.purpose } : { authorization: c.authorization })), weight: 12 },
    { arbitrary: fc.record({
      authorization: fc.oneof(
        fc.constantFrom(...authorizations),
        fc.constantFrom(...authorizations).map((a) => `${a.slice(0, -3)}${a.slice(-2)}x`),
        headerText.map((t) => `Bearer ${t}`),
        fc.constantFrom("", "Bearer", "Basic dXNlcjpwYXNz", `${authorizations[0]} extra`),
      ),
      "x-purpose": fc.oneof(
        fc.constantFrom("DATA_SUBJECT_RIGHTS", "CONTACT", "SERVICE_BILLING", "LEGAL_TAX", "ANALYTICS", "LEGAL_DISCLOSURE", "ORDERS"),
        fc.constantFrom("contact", "MARKETING", "AUDIT", " CONTACT ", "CONTACT, DATA_SUBJECT_RIGHTS", ""),
        headerText,
      ),
    }, { requiredKeys: [] }), weight: 3 },
  );
  const headers = fc.tuple(caller, fc.record({
    "content-type": fc.oneof(
      { arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8"), weight: 12 },
      { arbitrary: fc.constantFrom("application/graphql-response+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1"), weight: 1 },
      { arbitrary: headerText.map((t) => `application/${t.replace(/[^\w.+-]/g, "")}`), weight: 1 },
    ),
    accept: fc.oneof(
      { arbitrary: fc.constantFrom("application/json", "application/graphql-response+json", "*/*"), weight: 8 },
      { arbitrary: fc.constantFrom("text/html", "multipart/mixed", "application/xml"), weight: 1 },
    ),
  }, { requiredKeys: ["content-type"] })).map(([who, rest]) => ({ ...who, ...rest }) as Record<string, string>);

  const body = fc.oneof(
    { arbitrary: fc.tuple(document, fc.oneof({ arbitrary: fc.constantFrom(undefined, "Op"), weight: 8 }, { arbitrary: fc.oneof(text, fc.constant(null)), weight: 1 })).map(([d, operationName]) => JSON.stringify({ ...d, operationName })), weight: 12 },
    { arbitrary: fc.tuple(document, json).map(([d, variables]) => JSON.stringify({ query: d.query, variables })), weight: 1 },
    { arbitrary: fc.tuple(json, json).map(([query, extensions]) => JSON.stringify({ query, extensions })), weight: 1 },
    { arbitrary: text.map((t) => JSON.stringify({ query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: t } } })), weight: 1 },
    { arbitrary: fc.oneof(json.map((j) => JSON.stringify(j)), text, fc.constantFrom("", "{", "[]", "[{}]", "{\"query\": \"{ __typename }\"")), weight: 1 },
    { arbitrary: fc.integer({ min: 100_000, max: 200_000 }).map((n) => JSON.stringify({ query: "{ __typename }", pad: `${marker}${"x".repeat(n)}` })), weight: 1 },
  );

  const request: fc.Arbitrary<HostileRequest> = fc.oneof(
    { arbitrary: fc.record({ method: fc.constant("POST" as const), headers, body }), weight: 10 },
    { arbitrary: fc.record({ method: fc.constant("GET" as const), headers, query: fc.tuple(document, fc.boolean()).map(([d, withVars]) =>
      new URLSearchParams({ query: d.query, ...(withVars ? { variables: JSON.stringify(d.variables) } : {}) }).toString()) }), weight: 2 },
    { arbitrary: fc.record({ method: fc.constant("HEAD" as const), headers }), weight: 1 },
  );
  return { request };
}
