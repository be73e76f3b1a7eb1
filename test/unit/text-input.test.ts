/**
 * User text at the edge of the domain (`text`, `optionalText` in shared/domain/common.ts): names and
 * titles are one visible line; descriptions and notes may break lines; control characters, which
 * corrupt CSV, calendar files and terminals, are refused everywhere (found by the fault suite).
 */
import { describe, expect, it } from 'vitest';
import { optionalText, text } from '../../shared/domain/common.js';

describe('text()', () => {
  const title = text(50);
  it('accepts any script, bidi marks and zero-width joiners inside visible text', () => {
    for (const s of ['Ministère', 'وزارة الاتصالات', '中国', '👩‍💻 Dev', 'a\u200Db', '\u202Eevil\u202C x']) expect(title.safeParse(s).success, s).toBe(true);
  });
  it('refuses control characters, line breaks and text with nothing visible', () => {
    for (const s of ['a\u0000b', 'a\nb', 'tab\there', 'x\u001b[31m', 'x\u0085', '\u200B\u200C', '\uFEFF \u00A0', '\u202E\u202C']) expect(title.safeParse(s).success, JSON.stringify(s)).toBe(false);
  });
});

describe('optionalText()', () => {
  const note = optionalText(200);
  it('accepts empty text, line breaks and tabs', () => {
    for (const s of ['', 'Line one\nLine two', 'a\r\nb', 'col\tcol']) expect(note.safeParse(s).success, JSON.stringify(s)).toBe(true);
  });
  it('refuses other control characters', () => {
    for (const s of ['a\u0000', 'bell\u0007', 'esc\u001b', 'del\u007f']) expect(note.safeParse(s).success, JSON.stringify(s)).toBe(false);
  });
});
