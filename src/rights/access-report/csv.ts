/**
 * CSV as RFC 4180 describes it: CRLF line ends; a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes, with each quote inside doubled. Every file starts with a header row.
 *
 * Formula injection (CSV injection, OWASP): a spreadsheet runs a cell that starts with = + - @ (or a tab
 * or CR before one of those) as a formula, so a customer's notes could carry `=HYPERLINK(...)` into the
 * privacy officer's spreadsheet. Such cells are written with a leading single quote (`'=HYPERLINK(...)`),
 * which spreadsheets show as text. Cells that are a plain signed number (`-12.50`, an E.164 phone number
 * `+31612345678`) cannot hold a formula and are left unchanged. A consumer that needs the exact value back
 * strips one leading `'` from a cell whose next character is one of = + - @ TAB CR.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell as written: null and undefined are empty; a formula-like text gets its leading quote. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = guardFormula(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: header, then one line per row, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
}

/**
 * Parses RFC 4180 text (quoted fields may hold commas, quotes and line breaks; CRLF or LF line ends) into
 * rows of strings. The inverse of `toCsv` apart from the formula guard; used to verify exports.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') {
        field += ch;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error("CSV: unterminated quoted field");
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
