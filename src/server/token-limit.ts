/**
 * The token limit is graphql-js's own parse option (`maxTokens`), passed through Apollo's `parseOptions`: the
 * parser stops at the limit, so a huge document costs no more than the limit, and it runs only when Apollo
 * parses a text it has not cached. (graphql-armor's max-tokens plugin for Apollo parses each new document a
 * second time and throws from a plugin hook, which Apollo 5 answers with a 500.)
 *
 * Apollo reports the refusal as GRAPHQL_PARSE_FAILED; the error formatter recognises graphql-js's message
 * ("Document contains more that N tokens", sic) and answers QUERY_TOO_LARGE instead.
 */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

/** The caller-facing message when `message` is graphql-js's token-limit error, else null. */
export function tokenLimitMessage(message: string): string | null {
  const limit = TOKEN_LIMIT.exec(message)?.[1];
  return limit ? `The query has more tokens than the limit of ${limit}` : null;
}
