/**
 * A generated document as a list of blocks, rendered to HTML and to Markdown by the same walk, so the two
 * formats of the privacy statement cannot say different things.
 */
export type Block =
  | { kind: "h1" | "h2" | "p"; text: string }
  | { kind: "ul"; items: readonly string[] }
  | { kind: "table"; head: readonly string[]; rows: readonly (readonly string[])[] };

export interface GeneratedDocument {
  lang: string;
  title: string;
  blocks: readonly Block[];
}
