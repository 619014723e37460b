/** Control characters (C0, DEL, C1). */
const CONTROL = /\p{Cc}/u;
/** The same without tab, line feed and carriage return, which multi-line text (notes, reasons) may hold. */
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;

/**
 * Whether text holds control characters. None is ever text a person wrote, PostgreSQL refuses NUL outright
 * (a driver error, not a client error), and the others corrupt logs and exports. `lineBreaks` allows tab,
 * line feed and carriage return.
 */
export function holdsControlCharacters(text: string, { lineBreaks = false } = {}): boolean {
  return (lineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(text);
}
