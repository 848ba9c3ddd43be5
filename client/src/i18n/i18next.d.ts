import 'i18next';
import type { en } from './en';
import type { exportsEn } from './exports-en';
import type { facilitationEn } from './facilitation-en';
import type { homeEn } from './home-en';
import type { refusalsEn } from './refusals-en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Keys of the main namespace work from every namespace (i18n.ts sets fallbackNS too).
    fallbackNS: 'translation';
    // The other namespaces are loaded on demand (resources.ts); use them as useTranslation('home').
    resources: {
      translation: typeof en;
      home: typeof homeEn;
      facilitation: typeof facilitationEn;
      exports: typeof exportsEn;
      refusals: typeof refusalsEn;
    };
  }
}
