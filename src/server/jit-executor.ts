import { GraphQLError, printSchema, valueFromASTUntyped, type DocumentNode, type ExecutionResult, type GraphQLSchema, type VariableDefinitionNode } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { ErrorCode, requestRefusal } from "../errors/error-code";
import { withoutValues } from "./format-error";
import { variablesWithControlCharacters } from "./control-characters.rule";

/**
 * Executes operations with graphql-jit instead of graphql-js, through Apollo Server's documented gateway
 * interface (a gateway that "loads" our local schema and supplies the executor). Parsing, validation, the
 * document cache, plugins, error formatting and HTTP handling stay Apollo's.
 *
 * Why: graphql-js spends a fixed cost per resolved field in generic code (argument handling, type checks,
 * path bookkeeping), and a 100-subject page with every source resolves tens of thousands of fields, which
 * kept the gateway CPU-bound far below the raw baseline (bench/RESULTS.md). graphql-jit compiles each operation once into
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
    // Apollo resolves the operation but still calls the executor when `operationName` names none in the
    // document; graphql-jit, given no name, would run the document's only operation. Answered as graphql-js
    // would (Apollo makes it OPERATION_RESOLUTION_FAILURE, HTTP 400), without echoing the name.
    if (!rc.operation) return { errors: [new GraphQLError("The document holds no operation of the name given in operationName")] };
    const variables = rc.request.variables ?? {};
    const refused = variablesWithControlCharacters(rc.operation.variableDefinitions ?? [], variables);
    if (refused) return { errors: [refused] };
    const plan = planFor(rc.document, rc.operationName);
    if (!isCompiledQuery(plan)) return plan; // compilation errors, as an execution result
    const result = await plan.query(undefined, rc.context, variables);
    // The plan coerces the variables itself (compiled, once per request) and answers without `data` only when
    // they are invalid; nothing has run then. That answer is replaced by graphql-js's own error, which carries
    // the AST node Apollo needs to answer BAD_USER_INPUT / HTTP 400. (Coercing with graphql-js up front on
    // every request did the same work twice.)
    if (!("data" in result)) {
      const definitions = rc.operation.variableDefinitions ?? [];
      const coerced = getVariableValues(schema, definitions, variables);
      if (coerced.errors) return { errors: coerced.errors };
      // graphql-js accepts what graphql-jit 0.8.9 refuses: an omitted non-null variable that has a default
      // (`$n: Int! = 3`). Sent again with the defaults written in as values.
      const retried = await plan.query(undefined, rc.context, withDefaults(definitions, variables));
      if ("data" in retried) return retried.errors ? { ...retried, errors: retried.errors.map(standardError) } : retried;
      return { errors: (retried.errors ?? []).map((e) => requestRefusal(ErrorCode.BAD_USER_INPUT, withoutValues(e.message))) };
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

/** The variables with each omitted one that has a default set to that default, as a literal would give it. */
function withDefaults(definitions: readonly VariableDefinitionNode[], variables: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...variables };
  for (const { variable, defaultValue } of definitions) {
    if (defaultValue && filled[variable.name.value] === undefined) filled[variable.name.value] = valueFromASTUntyped(defaultValue);
  }
  return filled;
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
