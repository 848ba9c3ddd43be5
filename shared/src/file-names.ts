/** File names of downloads, the same on the server (Content-Disposition) and in the browser. */

const FOLDED: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

/**
 * A file-name-safe slug of a title: lower case [a-z0-9-] only, at most 60 characters, never
 * empty. Only this ever reaches a header or a saved file's name, never the raw title.
 */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => FOLDED[c] ?? '')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'board';
}

/** `<slug>-<yyyy-mm-dd>.<extension>` (UTC date; `at` defaults to now). */
export function datedFileName(title: string, extension: string, at: number = Date.now()): string {
  return `${slugify(title)}-${new Date(at).toISOString().slice(0, 10)}.${extension}`;
}
