import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";
import { ErrorCode } from "../errors/error-code";

/**
 * Rejects operations that nest deeper than `max` fields, before any resolver runs. Introspection (`__schema`,
 * `__type`) has its own limit, `maxIntrospection`, counted from that field down: the standard introspection
 * query tools send is 15 levels deep (its `ofType { ofType … }` chain), more than any query on the gateway's
 * own types needs, and an unbounded chain is as costly to answer as any other deep query.
 *
 * Each fragment's depth is computed once per operation: a fragment spreading another twice, that one spreading
 * a third twice, … would otherwise cost 2^n walks for n fragments.
 */
export function depthLimitRule(max: number, maxIntrospection: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    /** Depth per fragment and counting mode; -1 while being computed (a cycle counts 0: another rule's job). */
    const known = new Map<string, number>();
    let introspection = 0; // the deepest introspection field seen, counted from the field itself

    const depthOf = (set: SelectionSetNode, inIntrospection: boolean): number => {
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const meta = !inIntrospection && sel.name.value.startsWith("__");
          const depth = 1 + (sel.selectionSet ? depthOf(sel.selectionSet, inIntrospection || meta) : 0);
          if (meta) introspection = Math.max(introspection, depth);
          else deepest = Math.max(deepest, depth);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet, inIntrospection));
        } else {
          deepest = Math.max(deepest, fragmentDepth(sel.name.value, inIntrospection));
        }
      }
      return deepest;
    };
    const fragmentDepth = (name: string, inIntrospection: boolean): number => {
      const key = `${inIntrospection ? "i" : "q"}:${name}`;
      const done = known.get(key);
      if (done !== undefined) return Math.max(done, 0);
      const frag = fragments.get(name);
      if (!frag) return 0; // unknown fragments are another rule's job
      known.set(key, -1);
      const depth = depthOf(frag.selectionSet, inIntrospection);
      known.set(key, depth);
      return depth;
    };

    return {
      OperationDefinition(node) {
        introspection = 0;
        known.clear(); // per operation: a memoised fragment would not raise this operation's `introspection`
        const depth = depthOf(node.selectionSet, false);
        const tooDeep = (what: string, found: number, limit: number) =>
          context.reportError(new GraphQLError(`The ${what} is nested ${found} levels deep; the limit is ${limit}`, {
            nodes: [node],
            extensions: { code: ErrorCode.QUERY_TOO_DEEP },
          }));
        if (depth > max) tooDeep("query", depth, max);
        if (introspection > maxIntrospection) tooDeep("introspection query", introspection, maxIntrospection);
      },
    };
  };
}
