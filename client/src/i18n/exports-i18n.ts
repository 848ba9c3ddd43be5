/**
 * Registers the `exports` namespace (downloads, snapshots, report, roll-up, import, delete) with
 * i18next. Imported by the code that uses it, which is loaded on demand, so these strings are not
 * part of the first download of the board. Importing this module is enough; i18next must already
 * be initialised (main.tsx does that before anything is rendered).
 */
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { exportsEn } from './exports-en';
import { exportsNb } from './exports-nb';

export const EXPORTS_NS = 'exports' as const;

/** Adds the namespace to i18next (once; later calls do nothing). */
export function registerExportStrings(): void {
  if (i18next.hasResourceBundle('en', EXPORTS_NS)) return;
  i18next.addResourceBundle('en', EXPORTS_NS, exportsEn);
  i18next.addResourceBundle('nb', EXPORTS_NS, exportsNb);
}

registerExportStrings();

/** `useTranslation` for the `exports` namespace (importing it registers the namespace). */
export function useExportsTranslation() {
  return useTranslation(EXPORTS_NS);
}
