/** File names of downloads. Only these ever reach a Content-Disposition header, never a raw title. */
import { datedFileName, slugify } from '@verksted/shared';

export { slugify };

/** `<slug>-<yyyy-mm-dd>.<extension>` (UTC date). */
export function exportFileName(title: string, exportedAt: number, extension = 'json'): string {
  return datedFileName(title, extension, exportedAt);
}

/** `<slug>-<yyyy-mm-dd>-<hhmm>.<extension>` (UTC): a snapshot's file, named after when it was taken. */
export function snapshotFileName(title: string, takenAt: number, extension: string): string {
  const iso = new Date(takenAt).toISOString();
  return `${slugify(title)}-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.${extension}`;
}
