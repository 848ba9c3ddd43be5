/**
 * Every text people see goes through i18next. This scans the components (not their tests) for
 * text written straight into the markup: JSX text, and string literals in the props people read
 * or hear (aria-label, title, placeholder, alt…), in announcements and in the document title.
 * AST-free on purpose: a few tight patterns and an allowlist for what is not language.
 */
import { describe, expect, it } from 'vitest';

const SOURCES = import.meta.glob(['../**/*.tsx', '../**/*.ts', '!../**/*.test.*', '!../test/**', '!../i18n/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Texts that are not language: symbols, the product's name, separators. */
const ALLOWED = new Set(['Verksted', '+', '✓', '·', '●', '—', '–', '…']);

/** A letter of any of our languages. */
const LETTER = /[A-Za-zÆØÅæøåÉé]/;

/** Comments out, strings kept (good enough for our code style: no `//` inside JSX text). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '');
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function scan(file: string, raw: string): Finding[] {
  const source = withoutComments(raw);
  const found: Finding[] = [];
  const report = (index: number, text: string): void => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (trimmed && LETTER.test(trimmed) && !ALLOWED.has(trimmed)) found.push({ file, line: lineOf(source, index), text: trimmed });
  };
  if (file.endsWith('.tsx')) {
    // JSX text: between a tag's `>` and the next `<`, with no expression in between.
    for (const m of source.matchAll(/>([^<>{}`;=]+)</g)) {
      const before = source.slice(Math.max(0, m.index - 1), m.index + 1);
      if (before === '=>') continue; // an arrow function, not a tag
      // Code, not text: between JSX expressions (`/>\n) : other ? (`), or after a generic
      // type argument (`querySelector<HTMLElement>('…') ?? other<`).
      if (/^\s*[()]|\?\s*\(|&&|\|\||\?\?|\?\./.test(m[1]!)) continue;
      report(m.index, m[1]!);
    }
  }
  // Props people read or hear, written as a literal (string, or template text outside `${}`).
  const props = /\b(aria-label|aria-description|aria-roledescription|aria-valuetext|aria-placeholder|title|placeholder|alt|label|description|what)=(?:"([^"]*)"|'([^']*)'|\{\s*(?:'([^']*)'|"([^"]*)"|`([^`]*)`)\s*\})/g;
  for (const m of source.matchAll(props)) {
    const literal = m[2] ?? m[3] ?? m[4] ?? m[5] ?? (m[6] ?? '').replace(/\$\{[^}]*\}/g, '');
    report(m.index, literal);
  }
  // Live announcements, the document title and window dialogs with a literal.
  for (const m of source.matchAll(/\b(?:announce|alert|confirm|prompt)\(\s*(['"`])((?:(?!\1).)*)\1/g)) report(m.index, m[2]!.replace(/\$\{[^}]*\}/g, ''));
  for (const m of source.matchAll(/document\.title\s*=\s*(['"`])((?:(?!\1).)*)\1/g)) report(m.index, m[2]!.replace(/\$\{[^}]*\}/g, ''));
  return found;
}

describe('untranslated text', () => {
  it('finds the sources to scan', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    expect(Object.keys(SOURCES).some((file) => file.endsWith('/board/BoardHeader.tsx'))).toBe(true);
  });

  it('catches text written into the markup (the scanner works)', () => {
    expect(scan('x.tsx', '<p className="a">Hello there</p>').map((f) => f.text)).toEqual(['Hello there']);
    expect(scan('x.tsx', '<button aria-label="Close">×</button>').map((f) => f.text)).toEqual(['Close']);
    expect(scan('x.tsx', '<br />and more<b>x</b>').map((f) => f.text)).toEqual(['and more', 'x']);
    expect(scan('x.tsx', '<input placeholder={`Name of ${thing}`} />').map((f) => f.text)).toEqual(['Name of']);
    expect(scan('x.ts', "store.announce('Saved.')").map((f) => f.text)).toEqual(['Saved.']);
    expect(scan('x.tsx', "<p>{t('a.b')}</p><span aria-hidden=\"true\">+</span>")).toEqual([]);
  });

  it('has no text in the UI that does not go through i18next', () => {
    const findings = Object.entries(SOURCES).flatMap(([file, source]) => scan(file, source));
    expect(findings.map((f) => `${f.file.replace(/^\.\.\//, 'src/')}:${f.line}: ${f.text}`)).toEqual([]);
  });
});
