import { describe, expect, it } from 'vitest';
import { escapeMarkdown, neutraliseCell } from './text-safety.js';

describe('escapeMarkdown', () => {
  it('turns HTML into entities, so no tag survives', () => {
    expect(escapeMarkdown('<script>alert("x")</script> & <img src=x onerror=alert(1)>')).toBe(
      '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(escapeMarkdown('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('escapes link, image, emphasis, code, table and strikethrough syntax', () => {
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('![i](http://e.x/t.png)')).toBe('!\\[i\\](http://e.x/t.png)');
    expect(escapeMarkdown('*bold* _it_ `code` a|b ~~s~~ \\')).toBe('\\*bold\\* \\_it\\_ \\`code\\` a\\|b \\~\\~s\\~\\~ \\\\');
    expect(escapeMarkdown('<https://evil.example>')).toBe('&lt;https://evil.example&gt;');
  });

  it('keeps the text on one line and stops it from starting a block', () => {
    expect(escapeMarkdown('line\n# heading\r\n\n- item')).toBe('line \\# heading - item');
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('=====')).toBe('\\=====');
    expect(escapeMarkdown('---')).toBe('\\---');
    expect(escapeMarkdown('+ plus')).toBe('\\+ plus');
    expect(escapeMarkdown('> quote')).toBe('&gt; quote');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('    indented code')).toBe('indented code');
  });

  it('leaves ordinary text and Norwegian letters alone', () => {
    expect(escapeMarkdown('Dele data på tvers av etater, ærlig og åpent.')).toBe('Dele data på tvers av etater, ærlig og åpent.');
  });
});

describe('neutraliseCell', () => {
  it('prefixes a quote to cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://e.x","click")']) {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves other cells as they are', () => {
    for (const cell of ['', 'idé', 'a=b', ' =x', '1']) expect(neutraliseCell(cell)).toBe(cell);
  });
});
