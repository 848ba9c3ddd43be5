import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { KIND_COLOURS, NOTE_KINDS, STAKEHOLDER_GROUPS, TEMPLATE_IDS, TEMPLATES } from '@verksted/shared';
import { ALL_RESOURCES } from '../test/i18n';
import { nb } from './nb';
import { homeEn } from './home-en';
import { homeNb } from './home-nb';
import { facilitationNb } from './facilitation-nb';
import { detectLanguage, formatNumber, toSupportedLanguage } from './i18n';
import { NAMESPACES, RESOURCE_LOADERS } from './resources';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** `{{name}}` and `{{count, number}}` placeholders, with their format. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w]+)\s*(?:,\s*(\w+)\s*)?\}\}/g)].map((m) => `${m[1]}:${m[2] ?? ''}`).sort();
}

function bundle(language: 'en' | 'nb', namespace: string): Map<string, string> {
  return flatten((ALL_RESOURCES[language] as Record<string, Tree>)[namespace] ?? {});
}

describe('translations', () => {
  it('has a bundle of every namespace in both languages, in the tests and in the app', () => {
    for (const namespace of NAMESPACES) {
      expect(bundle('en', namespace).size, namespace).toBeGreaterThan(0);
      expect(bundle('nb', namespace).size, namespace).toBeGreaterThan(0);
      expect(Object.keys(RESOURCE_LOADERS[namespace]).sort()).toEqual(['en', 'nb']);
    }
  });

  it.each(NAMESPACES)('has every English key in Norwegian and every Norwegian key in English (%s)', (namespace) => {
    expect([...bundle('nb', namespace).keys()].sort()).toEqual([...bundle('en', namespace).keys()].sort());
  });

  it.each(NAMESPACES)('has no empty strings (%s)', (namespace) => {
    for (const [key, value] of [...bundle('en', namespace), ...bundle('nb', namespace)]) expect(value.trim(), key).not.toBe('');
  });

  it.each(NAMESPACES)('uses the same placeholders in both languages (%s)', (namespace) => {
    const norwegian = bundle('nb', namespace);
    for (const [key, value] of bundle('en', namespace)) expect(placeholders(norwegian.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('loads the strings the app asks for, per namespace and language', async () => {
    for (const namespace of NAMESPACES) {
      for (const language of ['en', 'nb'] as const) {
        expect(await RESOURCE_LOADERS[namespace][language]()).toEqual((ALL_RESOURCES[language] as Record<string, Tree>)[namespace]);
      }
    }
  });

  it('names every note kind and stakeholder group', () => {
    const english = bundle('en', 'translation');
    for (const kind of NOTE_KINDS) {
      expect(english.has(`kinds.${kind}`)).toBe(true);
      expect(KIND_COLOURS[kind]).toMatch(/^#/);
    }
    for (const group of STAKEHOLDER_GROUPS) expect(english.has(`groups.${group}`)).toBe(true);
  });

  it('names the templates as the shared templates (which the server builds boards from) do', () => {
    for (const id of TEMPLATE_IDS) {
      for (const [language, strings] of [['en', homeEn], ['nb', homeNb]] as const) {
        expect(strings.templates[id].title, `${id} ${language}`).toBe(TEMPLATES[id].title[language]);
        expect(strings.templates[id].areas, `${id} ${language}`).toBe(TEMPLATES[id].areas.map((area) => area.title[language]).join(' · '));
      }
    }
  });

  it('finds the strings of the main namespace from the others', () => {
    expect(i18next.getFixedT('nb', 'exports')('snapshots.heading')).toBe('Øyeblikksbilder');
    expect(i18next.getFixedT('nb', 'facilitation')('phases.vote')).toBe('Stem');
    expect(i18next.getFixedT('en', 'home')('errors.codeUnknown')).toContain('no workshop with that code');
  });

  it('uses the product words in Norwegian', () => {
    expect(nb.note.add).toBe('Legg til lapp');
    expect(nb.kinds).toEqual({ experience: 'Erfaring', need: 'Behov', idea: 'Idé', goal: 'Mål' });
    expect(nb.identity.groupLabel).toContain('Interessentgruppe');
    expect(nb.phases).toEqual({ brainstorm: 'Idémyldring', share: 'Del', cluster: 'Grupper', vote: 'Stem', results: 'Resultater' });
    expect(nb.phase.step).toContain('Fase');
    expect(nb.vote.dotsLeft).toContain('prikker');
    expect(nb.cluster.untitled).toBe('Gruppe');
    expect(facilitationNb.facilitator.groupsHeading).toBe('Interessentgrupper');
    expect(nb.timer.label).toBe('Tidtaker');
    expect(facilitationNb.facilitator.lock).toBe('Lås tavlen');
    expect(facilitationNb.facilitator.anonymous).toBe('Anonym modus');
  });

  it('pluralises and formats counts in the language shown', () => {
    expect(i18next.getFixedT('en')('board.noteCount', { count: 1 })).toBe('1 note');
    expect(i18next.getFixedT('nb')('board.noteCount', { count: 3 })).toBe('3 lapper');
    expect(i18next.getFixedT('en')('board.noteCount', { count: 1234 })).toBe('1,234 notes');
    expect(i18next.getFixedT('nb')('board.noteCount', { count: 1234 }).replace(/\s/g, ' ')).toBe('1 234 lapper');
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'nb').replace(/\s/g, ' ')).toBe('12 345');
  });
});

describe('language detection', () => {
  it('picks bokmål for any Norwegian browser language and English otherwise', () => {
    expect(toSupportedLanguage('nb-NO')).toBe('nb');
    expect(toSupportedLanguage('nn')).toBe('nb');
    expect(toSupportedLanguage('no')).toBe('nb');
    expect(toSupportedLanguage('en-GB')).toBe('en');
    expect(toSupportedLanguage('de')).toBe('en');
    expect(toSupportedLanguage('nob')).toBe('en');
  });

  it('starts in the language chosen on this device, else the first preferred one we have', () => {
    expect(detectLanguage('en', ['nb-NO'])).toBe('en');
    expect(detectLanguage('nb', ['en-US'])).toBe('nb');
    expect(detectLanguage(null, ['nn-NO', 'en'])).toBe('nb');
    expect(detectLanguage(null, ['no'])).toBe('nb');
    expect(detectLanguage(null, ['de-DE', 'nb'])).toBe('nb');
    expect(detectLanguage(null, ['en-GB', 'nb'])).toBe('en');
    expect(detectLanguage(null, ['de-DE', 'fr'])).toBe('en');
    expect(detectLanguage('sv', [])).toBe('en');
  });
});
