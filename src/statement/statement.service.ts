import { createHash } from "node:crypto";
import type { Clock } from "../common/clock";
import { LANGUAGES, type Language } from "../policy/policy-texts";
import { POLICY_VERSION } from "../policy/policy-version";
import { renderHtml, renderMarkdown } from "./document-render";
import { processingRegister } from "./processing-register";
import { renderRegister, type RegisterFormat } from "./processing-register.render";
import { statementDocument, type Controller } from "./statement-document";
import type { StatementRepository, StatementTexts, StoredStatement } from "./statement.repository";

export type StatementFormat = "html" | "markdown";

interface StatementTextHash {
  language: Language;
  format: StatementFormat;
  sha256: string;
}

export interface PublishedStatement {
  version: string;
  publishedAt: Date;
  languages: Language[];
  texts: StatementTextHash[];
}

/** Every text of the statement for one edition: each language as HTML and Markdown. */
function renderStatementTexts(controller: Controller, version: string, publishedAt: Date): StatementTexts {
  return Object.fromEntries(
    LANGUAGES.map((lang) => {
      const doc = statementDocument(lang, controller, { version, publishedAt });
      return [lang, { html: renderHtml(doc), markdown: renderMarkdown(doc) }];
    }),
  );
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The privacy statement's versions. Its version is the policy's: at start-up the current one is published
 * (stored with the clock's time) unless it already is, and from then on the stored text is what is served,
 * so every gateway serves the same bytes and `privacyStatements` lists their hashes.
 */
export class StatementService {
  private current: StoredStatement | null = null;

  constructor(
    private readonly rows: StatementRepository,
    private readonly controller: Controller,
    private readonly clock: Clock,
  ) {}

  async publish(): Promise<StoredStatement> {
    const publishedAt = this.clock.now();
    this.current = await this.rows.publish({ version: POLICY_VERSION, publishedAt, texts: renderStatementTexts(this.controller, POLICY_VERSION, publishedAt) });
    return this.current;
  }

  /** The current statement's text; published first if this gateway has not yet. */
  async text(lang: Language, format: StatementFormat): Promise<string> {
    const current = this.current ?? (await this.publish());
    const texts = current.texts[lang];
    if (texts) return texts[format];
    // A language added after this version was stored: rendered for the stored edition, not stored.
    const doc = statementDocument(lang, this.controller, current);
    return format === "html" ? renderHtml(doc) : renderMarkdown(doc);
  }

  async list(): Promise<PublishedStatement[]> {
    return (await this.rows.list()).map((s) => {
      const languages = LANGUAGES.filter((l) => s.texts[l]);
      return {
        version: s.version,
        publishedAt: s.publishedAt,
        languages,
        texts: languages.flatMap((language) =>
          (["html", "markdown"] as const).map((format) => ({ language, format, sha256: sha256(s.texts[language]![format]) })),
        ),
      };
    });
  }

  register(format: RegisterFormat): string {
    return renderRegister(processingRegister(this.controller), format);
  }
}
