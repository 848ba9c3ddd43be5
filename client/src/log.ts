/**
 * Tiny client logger with a category. Debug output only in development builds; warnings and
 * errors always (they help when someone reports a problem from the browser console).
 * Never log note text or names, only ids and counts.
 */
type Category = 'sync' | 'api' | 'board' | 'storage' | 'i18n';

export const log = {
  debug(category: Category, message: string, fields?: Record<string, unknown>): void {
    if (import.meta.env.DEV && import.meta.env.MODE !== 'test') console.debug(`[${category}] ${message}`, fields ?? '');
  },
  warn(category: Category, message: string, fields?: Record<string, unknown>): void {
    console.warn(`[${category}] ${message}`, fields ?? '');
  },
  error(category: Category, message: string, fields?: Record<string, unknown>): void {
    console.error(`[${category}] ${message}`, fields ?? '');
  },
};
