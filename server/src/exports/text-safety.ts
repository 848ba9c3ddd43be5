/**
 * Making participant text inert in the reports. Note texts, titles, names and labels are typed by
 * anyone on a board; in a report they must stay literal text: never Markdown or HTML that a viewer
 * renders (links, images, script), never a formula a spreadsheet runs.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text as one line of literal Markdown: line breaks become spaces; `\` `` ` `` `*` `_` `[` `]` `|`
 * `~` `#` are backslash-escaped; `&` `<` `>` become HTML entities (so no tag, autolink or entity
 * survives); a leading `-` `+` `=` `>` or `1.` (list, heading underline, quote) is escaped too, so
 * the text cannot start a block wherever it is placed. Safe in headings, list items and table cells.
 * @example
 *   escapeMarkdown('[x](javascript:alert(1)) <script>') // '\[x\](javascript:alert(1)) &lt;script&gt;'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029\u0085\v\f]+/g, ' ')
    .replace(/\t/g, ' ')
    .trimStart()
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** First characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV cell that a spreadsheet shows as text: a value starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'`, as OWASP advises for CSV injection.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
