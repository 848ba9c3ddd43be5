/**
 * i18next setup. All translation goes through i18next; this module only decides which language
 * to start in and where the strings come from:
 * - language: an explicit choice made in the language switch (remembered on this device), else
 *   the browser's preferred languages: Norwegian bokmål for nb, nn or no, English otherwise;
 * - strings: only the shown language's bundles, loaded on demand per namespace (`resources.ts`),
 *   so a participant's phone downloads neither the other language nor the facilitator's strings.
 * `<html lang>` follows the language.
 */
import i18next, { type BackendModule, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@verksted/shared';
import { log } from '../log';
import { STORAGE_KEYS, readStored, writeStored } from '../storage';
import { RESOURCE_LOADERS, isNamespace } from './resources';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Whether a browser language tag is Norwegian (bokmål, nynorsk or plain "no"). */
function isNorwegianTag(tag: string): boolean {
  return /^(nb|nn|no)(-|_|$)/i.test(tag);
}

/** Maps a browser language tag to one we have: any Norwegian → nb, everything else → en. */
export function toSupportedLanguage(tag: string): Language {
  return isNorwegianTag(tag) ? 'nb' : 'en';
}

/**
 * The language to start in: the one chosen on this device, else the first of the browser's
 * preferred languages that we have (Norwegian of any kind → nb, English → en), else English.
 */
export function detectLanguage(
  stored: string | null = readStored(STORAGE_KEYS.language),
  preferred: readonly string[] = browserLanguages(),
): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    if (isNorwegianTag(tag)) return 'nb';
    if (/^en(-|_|$)/i.test(tag)) return 'en';
  }
  return 'en';
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** The current UI language. */
export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : isLanguage(i18next.language) ? i18next.language : 'en';
}

/**
 * Switches the UI language and remembers the choice on this device. i18next first loads the new
 * language's bundles of every namespace in use, then switches, so nothing shows untranslated.
 */
export async function changeLanguage(language: Language): Promise<void> {
  writeStored(STORAGE_KEYS.language, language);
  await i18next.changeLanguage(language);
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : toSupportedLanguage(language);
}

/** The i18next backend that reads a namespace's bundle through its dynamic import. */
const lazyBundles: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = isLanguage(language) && isNamespace(namespace) ? RESOURCE_LOADERS[namespace][language] : null;
    if (!load) {
      callback(new Error(`no strings for ${namespace}/${language}`), false);
      return;
    }
    load().then(
      (bundle) => callback(null, bundle),
      (error: unknown) => {
        // i18next retries a few times; a page that needs the bundle waits (Suspense) meanwhile.
        log.warn('i18n', 'strings could not be loaded', { language, namespace, error: String(error) });
        callback(error instanceof Error ? error : new Error(String(error)), true);
      },
    );
  },
};

/** Options both the app and the tests use. */
const COMMON_OPTIONS = {
  supportedLngs: [...LANGUAGES],
  // Every key exists in both languages (i18n.test.ts), so there is nothing to fall back to, and
  // a fallback language would only make phones download its strings too.
  fallbackLng: false,
  load: 'currentOnly',
  defaultNS: 'translation',
  // Pages that use their own namespace still find the shared strings (phases, kinds, errors…).
  fallbackNS: 'translation',
  interpolation: { escapeValue: false }, // React escapes; we never inject HTML.
} as const;

/**
 * Starts i18next in the detected language with that language's main strings loaded; resolves
 * when the app can render. Other namespaces load when a page first uses them (Suspense).
 */
export async function initI18n(language: Language = detectLanguage()): Promise<typeof i18next> {
  if (i18next.isInitialized) return i18next;
  i18next.on('languageChanged', applyDocumentLanguage);
  applyDocumentLanguage(language);
  await i18next
    .use(lazyBundles)
    .use(initReactI18next)
    .init({ ...COMMON_OPTIONS, lng: language, ns: ['translation'] });
  return i18next;
}

/**
 * Starts i18next with all strings given at once (tests): ready synchronously, no loading.
 * Later calls only switch the language.
 */
export function initI18nWithResources(resources: Resource, language: Language): typeof i18next {
  if (!i18next.isInitialized) {
    i18next.on('languageChanged', applyDocumentLanguage);
    void i18next.use(initReactI18next).init({
      ...COMMON_OPTIONS,
      resources,
      lng: language,
      ns: Object.keys(resources.en ?? {}),
      initAsync: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A count as people write it in the UI's language ("1 234" in Norwegian, "1,234" in English).
 * Strings format their numbers themselves (`{{count, number}}`); this is for bare numbers.
 */
export function formatNumber(value: number, language: Language = currentLanguage()): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format.format(value);
}
