import { GraphQLError, Kind, type ASTNode, type ASTVisitor, type ValidationContext, type VariableDefinitionNode } from "graphql";
import { holdsControlCharacters } from "../common/control-characters";
import { ErrorCode, requestRefusal } from "../errors/error-code";

/**
 * No text the gateway accepts holds control characters other than tab and line breaks: PostgreSQL refuses NUL
 * (it came back as INTERNAL_SERVER_ERROR), and the rest corrupt logs and exports. Checked once per request
 * for every argument, before anything executes, in two halves: string literals in the document (this
 * validation rule, run once per cached document) and variable values (variablesWithControlCharacters, called
 * by the executor before it runs the plan: one synchronous scan, where an Apollo plugin's hooks cost every
 * request a few promise turns — measured in bench scenario A). The refusal
 * names the argument or variable (as the schema names them), never the value. Fields with stricter rules (rectifySubject's single-line
 * fields) check them in their own validation.
 */
export function controlCharactersRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!holdsControlCharacters(node.value, { lineBreaks: true })) return;
      // Names from the document are the caller's text: printed only where the schema knows the position
      // (a literal under an unknown argument or object field names just the argument it is in, if known).
      const known = context.getInputType() !== undefined && context.getInputType() !== null;
      const arg = context.getArgument();
      const where = known ? nameOf([...ancestors, parent ?? []]) : arg ? `Argument "${arg.name}"` : "A string value";
      context.reportError(
        new GraphQLError(`${where} must not hold control characters other than tab and line breaks`, {
          nodes: [node],
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        }),
      );
    },
  };
}

/**
 * The variables' half of the check (see controlCharactersRule): a 400 BAD_USER_INPUT refusal, or null. Only
 * the operation's declared variables: others reach no resolver, and their names are the caller's text, which
 * the refusal would echo (the hostile-input property test sent a variable named after its marker).
 */
export function variablesWithControlCharacters(
  definitions: readonly VariableDefinitionNode[],
  variables: Readonly<Record<string, unknown>>,
): GraphQLError | null {
  for (const { variable } of definitions) {
    const name = variable.name.value;
    if (holdsControlCharactersDeep(variables[name])) {
      return requestRefusal(ErrorCode.BAD_USER_INPUT, `Variable "$${name}" must not hold control characters other than tab and line breaks`);
    }
  }
  return null;
}

/** Every string anywhere in a JSON value; a loop, not recursion, so deep nesting cannot exhaust the stack. */
function holdsControlCharactersDeep(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (holdsControlCharacters(next, { lineBreaks: true })) return true;
    } else if (next && typeof next === "object") {
      for (const inner of Object.values(next)) pending.push(inner);
    }
  }
  return false;
}

/** `Argument "input.notes"`, or `Variable "$v"` for a default value: where in the document a literal sits. */
function nameOf(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const fields: string[] = [];
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const n = ancestors[i];
    if (!("kind" in n)) continue;
    if (n.kind === Kind.OBJECT_FIELD) fields.unshift(n.name.value);
    else if (n.kind === Kind.ARGUMENT) return `Argument "${[n.name.value, ...fields].join(".")}"`;
    else if (n.kind === Kind.VARIABLE_DEFINITION) return `Variable "$${n.variable.name.value}"`;
  }
  return "A string value";
}
