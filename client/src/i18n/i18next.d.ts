import 'i18next';
import type { en } from './en';
import type { exportsEn } from './exports-en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // `exports` is added on demand by `exports-i18n.ts`; use it as useTranslation('exports').
    resources: { translation: typeof en; exports: typeof exportsEn };
  }
}
