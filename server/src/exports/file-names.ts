/** File names of downloads. Only these ever reach a Content-Disposition header, never a raw title. */

const FOLDED: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

/**
 * A file-name-safe slug of a title: lower case [a-z0-9-] only, at most 60 characters, never
 * empty. Only this ever reaches a header, never the raw title.
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

/** `<slug>-<yyyy-mm-dd>.<extension>` (UTC date). */
export function exportFileName(title: string, exportedAt: number, extension = 'json'): string {
  return `${slugify(title)}-${new Date(exportedAt).toISOString().slice(0, 10)}.${extension}`;
}

/** `<slug>-<yyyy-mm-dd>-<hhmm>.<extension>` (UTC): a snapshot's file, named after when it was taken. */
export function snapshotFileName(title: string, takenAt: number, extension: string): string {
  const iso = new Date(takenAt).toISOString();
  return `${slugify(title)}-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.${extension}`;
}
