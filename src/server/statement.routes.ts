import type { FastifyInstance } from "fastify";
import { isLanguage, type Language } from "../policy/policy-texts";
import type { StatementFormat, StatementService } from "../statement/statement.service";
import { errorBody } from "./http-errors";
import { ErrorCode } from "../errors/error-code";

/**
 * The published privacy statement, public (no token): `/privacy-statement` (HTML) and `/privacy-statement.md`,
 * `?lang=nl|en` (default nl). The text is the stored one of the current version (statement.service.ts).
 */
export function registerStatementRoutes(app: FastifyInstance, statements: StatementService): void {
  const language = (query: unknown): Language | null => {
    const lang = (query as { lang?: unknown } | undefined)?.lang;
    if (lang === undefined) return "nl";
    return isLanguage(lang) ? lang : null;
  };
  const serve = (path: string, format: StatementFormat, headers: Record<string, string>) =>
    app.get(path, async (request, reply) => {
      const lang = language(request.query);
      if (!lang) return reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, "lang must be nl or en"));
      return reply.headers({ ...headers, "content-language": lang }).send(await statements.text(lang, format));
    });
  serve("/privacy-statement", "html", {
    "content-type": "text/html; charset=utf-8",
    // The page has inline CSS only: nothing else may load (SPEC §10, no third-party requests).
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  serve("/privacy-statement.md", "markdown", { "content-type": "text/markdown; charset=utf-8" });
}
