/**
 * i18next setup: Norwegian bokmål when the browser prefers nb, nn or no, English otherwise;
 * an explicit choice in the language switch is remembered on the device. `<html lang>` follows.
 */
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@verksted/shared';
import { STORAGE_KEYS, writeStored } from '../storage';
import { en } from './en';
import { nb } from './nb';

export const resources = { en: { translation: en }, nb: { translation: nb } } as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a browser language tag to one we have: any Norwegian → nb, everything else → en. */
export function toSupportedLanguage(tag: string): Language {
  return /^(nb|nn|no)\b/i.test(tag) ? 'nb' : 'en';
}

/** The current UI language. */
export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}

/** Switches the UI language and remembers the choice on this device. */
export async function changeLanguage(language: Language): Promise<void> {
  writeStored(STORAGE_KEYS.language, language);
  await i18next.changeLanguage(language);
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : toSupportedLanguage(language);
}

/**
 * Initialises i18next once. Resources are bundled, so it is ready synchronously.
 * @param language force a language (tests); otherwise detect.
 */
export function initI18n(language?: Language): typeof i18next {
  if (!i18next.isInitialized) {
    i18next.on('languageChanged', applyDocumentLanguage);
    const instance = language ? i18next : i18next.use(LanguageDetector);
    void instance.use(initReactI18next).init({
      resources,
      ...(language ? { lng: language } : {}),
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes; we never inject HTML.
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: STORAGE_KEYS.language,
        caches: [], // only an explicit choice is remembered (see changeLanguage)
        convertDetectedLanguage: toSupportedLanguage,
      },
    });
  } else if (language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}
