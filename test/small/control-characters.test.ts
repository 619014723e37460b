import { test } from "node:test";
import assert from "node:assert/strict";
import { holdsControlCharacters } from "../../src/common/control-characters";

test("control characters: C0, DEL and C1 are refused; tab and line breaks only where lines may break", () => {
  for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"]) {
    assert.equal(holdsControlCharacters(`a${c}b`), true, JSON.stringify(c));
    assert.equal(holdsControlCharacters(`a${c}b`, { lineBreaks: true }), true, JSON.stringify(c));
  }
  for (const c of ["\t", "\n", "\r"]) {
    assert.equal(holdsControlCharacters(`a${c}b`), true, JSON.stringify(c));
    assert.equal(holdsControlCharacters(`a${c}b`, { lineBreaks: true }), false, JSON.stringify(c));
  }
  for (const text of ["Jansen", "Ærøskøbing 's-Hertogenbosch", "日本語 😀", "\u200b\u00a0"]) assert.equal(holdsControlCharacters(text), false, text);
});
