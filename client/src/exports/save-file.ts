/**
 * Saving a file on the user's device. Downloads that need the facilitator's Authorization header
 * cannot be plain links, so they are fetched, and the Blob is handed to the browser through an
 * object URL and a temporary `<a download>` click (no inline script, CSP friendly).
 */
import { fetchDownload, type DownloadedFile } from '../api/exports-api';

/** How long the object URL stays valid after the click; some browsers start the download late. */
const REVOKE_OBJECT_URL_AFTER_MS = 60_000;

/** Lets the browser save `blob` as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_OBJECT_URL_AFTER_MS);
}

/**
 * Fetches a server export and saves it under the server's file name (Content-Disposition).
 * @returns the name it was saved as
 */
export async function downloadFromServer(
  path: string,
  fallbackName: string,
  facilitatorKey: string | null,
): Promise<string> {
  const file: DownloadedFile = await fetchDownload(path, fallbackName, { facilitatorKey });
  saveBlob(file.blob, file.fileName);
  return file.fileName;
}

/** File names as the server makes them for its exports (`<slug>-<yyyy-mm-dd>.<extension>`, UTC). */
export { datedFileName, slugify } from '@verksted/shared';
