import type { FastifyInstance } from "fastify";
import { isLanguage, type Language } from "../policy/policy-texts";
import type { StatementService } from "../statement/statement.service";
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
  app.get("/privacy-statement", async (request, reply) => {
    const lang = language(request.query);
    if (!lang) return reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, "lang must be nl or en"));
    return reply.type("text/html; charset=utf-8").header("content-language", lang)
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .send(await statements.text(lang, "html"));
  });
  app.get("/privacy-statement.md", async (request, reply) => {
    const lang = language(request.query);
    if (!lang) return reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, "lang must be nl or en"));
    return reply.type("text/markdown; charset=utf-8").header("content-language", lang).send(await statements.text(lang, "markdown"));
  });
}
