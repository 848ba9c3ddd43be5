import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { KIND_COLOURS, NOTE_KINDS, STAKEHOLDER_GROUPS } from '@verksted/shared';
import { en } from './en';
import { nb } from './nb';
import { exportsEn } from './exports-en';
import { exportsNb } from './exports-nb';
import { EXPORTS_NS } from './exports-i18n';
import { toSupportedLanguage } from './i18n';

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

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const english = flatten(en);
const norwegian = flatten(nb);
const exportsEnglish = flatten(exportsEn);
const exportsNorwegian = flatten(exportsNb);

describe('translations', () => {
  it('has every English key in Norwegian and every Norwegian key in English', () => {
    expect([...norwegian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty strings', () => {
    for (const [key, value] of [...english, ...norwegian]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of english) expect(placeholders(norwegian.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('names every note kind and stakeholder group', () => {
    for (const kind of NOTE_KINDS) {
      expect(english.has(`kinds.${kind}`)).toBe(true);
      expect(KIND_COLOURS[kind]).toMatch(/^#/);
    }
    for (const group of STAKEHOLDER_GROUPS) expect(english.has(`groups.${group}`)).toBe(true);
  });

  it('has the same keys and placeholders in both languages in the exports namespace', () => {
    expect([...exportsNorwegian.keys()].sort()).toEqual([...exportsEnglish.keys()].sort());
    for (const [key, value] of [...exportsEnglish, ...exportsNorwegian]) expect(value.trim(), key).not.toBe('');
    for (const [key, value] of exportsEnglish) {
      expect(placeholders(exportsNorwegian.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('registers the exports namespace for both languages when its code is loaded', () => {
    expect(i18next.getFixedT('en', EXPORTS_NS)('downloads.json')).toBe('Download JSON (re-importable)');
    expect(i18next.getFixedT('nb', EXPORTS_NS)('snapshots.heading')).toBe('Øyeblikksbilder');
    expect(i18next.getFixedT('nb', EXPORTS_NS)('snapshots.notes', { count: 2 })).toBe('2 lapper');
  });

  it('uses the product words in Norwegian', () => {
    expect(nb.note.add).toBe('Legg til lapp');
    expect(nb.kinds).toEqual({ experience: 'Erfaring', need: 'Behov', idea: 'Idé', goal: 'Mål' });
    expect(nb.identity.groupLabel).toContain('Interessentgruppe');
    expect(nb.phases).toEqual({ brainstorm: 'Idémyldring', share: 'Del', cluster: 'Grupper', vote: 'Stem', results: 'Resultater' });
    expect(nb.phase.step).toContain('Fase');
    expect(nb.vote.dotsLeft).toContain('prikker');
    expect(nb.cluster.untitled).toBe('Gruppe');
    expect(nb.facilitator.groupsHeading).toBe('Interessentgrupper');
    expect(nb.timer.label).toBe('Tidtaker');
    expect(nb.facilitator.lock).toBe('Lås tavlen');
    expect(nb.facilitator.anonymous).toBe('Anonym modus');
  });

  it('pluralises in both languages', () => {
    expect(i18next.getFixedT('en')('board.noteCount', { count: 1 })).toBe('1 note');
    expect(i18next.getFixedT('nb')('board.noteCount', { count: 3 })).toBe('3 lapper');
  });
});

describe('toSupportedLanguage', () => {
  it('picks bokmål for any Norwegian browser language and English otherwise', () => {
    expect(toSupportedLanguage('nb-NO')).toBe('nb');
    expect(toSupportedLanguage('nn')).toBe('nb');
    expect(toSupportedLanguage('no')).toBe('nb');
    expect(toSupportedLanguage('en-GB')).toBe('en');
    expect(toSupportedLanguage('de')).toBe('en');
  });
});
