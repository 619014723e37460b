import type { Block, GeneratedDocument } from "./document-blocks";

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

// Inline only: the page must load nothing else (no stylesheet, font or script from anywhere).
const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:52rem;margin:0 auto;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #bbb;padding:.4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;hyphens:auto}
th{background:#eee}h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem}@media(max-width:40rem){body{padding:.5rem}table{font-size:.85rem}th,td{padding:.25rem}}`;

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case "h1": case "h2": case "p":
      return `<${b.kind}>${escapeHtml(b.text)}</${b.kind}>`;
    case "ul":
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "table":
      return `<table><thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
        .join("")}</tbody></table>`;
  }
}

/** A self-contained HTML page: inline CSS, no script, no external resource, every text escaped. */
export function renderHtml(doc: GeneratedDocument): string {
  return `<!doctype html>
<html lang="${escapeHtml(doc.lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>
<body><main>
${doc.blocks.map(htmlBlock).join("\n")}
</main></body>
</html>
`;
}

/** Markdown's punctuation that could turn text into markup (a link, emphasis, a table cell, raw HTML) is escaped. */
// An underscore inside a word (SERVICE_BILLING) is no emphasis in CommonMark and stays as it is.
const escapeMarkdown = (s: string): string => s.replace(/[\\`*[\]<>|#]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `\\${c}`);

function markdownBlock(b: Block): string {
  switch (b.kind) {
    case "h1": return `# ${escapeMarkdown(b.text)}`;
    case "h2": return `## ${escapeMarkdown(b.text)}`;
    case "p": return escapeMarkdown(b.text);
    case "ul": return b.items.map((i) => `- ${escapeMarkdown(i)}`).join("\n");
    case "table":
      return [
        `| ${b.head.map(escapeMarkdown).join(" | ")} |`,
        `|${b.head.map(() => "---").join("|")}|`,
        ...b.rows.map((r) => `| ${r.map(escapeMarkdown).join(" | ")} |`),
      ].join("\n");
  }
}

export function renderMarkdown(doc: GeneratedDocument): string {
  return `${doc.blocks.map(markdownBlock).join("\n\n")}\n`;
}
