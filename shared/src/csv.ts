/** How CSV downloads separate their cells: the `?sep=` of the download routes, the same on both sides. */
import type { Language } from './vocabulary.js';

/**
 * A comma by default, or a semicolon, which Excel expects where the decimal mark is a comma
 * (Norwegian, most of Europe): there a comma-separated file opens with every row in one cell.
 */
export const CSV_SEPARATORS = { comma: ',', semicolon: ';' } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;
export const CSV_SEPARATOR_NAMES = Object.keys(CSV_SEPARATORS) as [CsvSeparator, ...CsvSeparator[]];

/** The separator for a reader of `language`: semicolons for Norwegian, commas otherwise. */
export function csvSeparatorFor(language: Language): CsvSeparator {
  return language === 'nb' ? 'semicolon' : 'comma';
}
