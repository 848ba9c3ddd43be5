/** Every namespace in both languages, for tests: i18next is ready at once, nothing is loaded. */
import type { Resource } from 'i18next';
import type { Language } from '@verksted/shared';
import { initI18nWithResources } from '../i18n/i18n';
import { en } from '../i18n/en';
import { nb } from '../i18n/nb';
import { exportsEn } from '../i18n/exports-en';
import { exportsNb } from '../i18n/exports-nb';
import { facilitationEn } from '../i18n/facilitation-en';
import { facilitationNb } from '../i18n/facilitation-nb';
import { homeEn } from '../i18n/home-en';
import { homeNb } from '../i18n/home-nb';
import { refusalsEn } from '../i18n/refusals-en';
import { refusalsNb } from '../i18n/refusals-nb';

export const ALL_RESOURCES: Resource = {
  en: { translation: en, home: homeEn, facilitation: facilitationEn, exports: exportsEn, refusals: refusalsEn },
  nb: { translation: nb, home: homeNb, facilitation: facilitationNb, exports: exportsNb, refusals: refusalsNb },
};

/** Starts i18next with every string (first call) or switches the language (later calls). */
export function initTestI18n(language: Language = 'en') {
  return initI18nWithResources(ALL_RESOURCES, language);
}
