import { GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";

/**
 * Executes operations with graphql-jit instead of graphql-js, through Apollo Server's documented gateway
 * interface (a gateway that "loads" our local schema and supplies the executor). Parsing, validation, the
 * document cache, plugins, error formatting and HTTP handling stay Apollo's.
 *
 * Why: graphql-js spends about 1.4 µs per resolved field in generic code (argument handling, type checks,
 * path bookkeeping). A 100-subject page with every source is ~45,000 fields, which made the gateway
 * CPU-bound at under half the raw baseline (bench/). graphql-jit compiles each operation once into
 * straight-line JavaScript; resolvers (and later the permission middleware around them) still run.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  // Apollo hands back the same DocumentNode for a query text it has cached, so compiled plans are keyed by
  // document identity and collected with it.
  const plans = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  const planFor = (document: DocumentNode, operationName: string | null) => {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const key = operationName ?? "";
    let plan = byOperation.get(key);
    if (!plan) byOperation.set(key, (plan = compileQuery(schema, document, operationName ?? undefined)));
    return plan;
  };

  const executor: GatewayExecutor = async (rc) => {
    const variables = rc.request.variables ?? {};
    const plan = planFor(rc.document, rc.operationName);
    if (!isCompiledQuery(plan)) return plan; // compilation errors, as an execution result
    const result = await plan.query(undefined, rc.context, variables);
    // The plan coerces the variables itself (compiled, once per request) and answers without `data` only when
    // they are invalid; nothing has run then. That answer is replaced by graphql-js's own error, which carries
    // the AST node Apollo needs to answer BAD_USER_INPUT / HTTP 400. (Coercing with graphql-js up front on
    // every request did the same work twice: ~1% of a full profile's CPU, bench/.)
    if (!("data" in result)) {
      const coerced = getVariableValues(schema, rc.operation.variableDefinitions ?? [], variables);
      return { errors: coerced.errors ?? (result.errors ?? []).map(standardError) };
    }
    return result.errors ? { ...result, errors: result.errors.map(standardError) } : result;
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error had none, which Apollo's error
 * handling does not expect; rebuild them as standard GraphQLErrors with the same path, locations and cause.
 */
function standardError(e: GraphQLError): GraphQLError {
  const err = new GraphQLError(e.message, { path: e.path, originalError: e.originalError, extensions: e.extensions ?? {} });
  Object.assign(err, { locations: e.locations });
  return err;
}
