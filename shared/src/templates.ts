/** The workshop templates PRODUCT.md asks for. Ids are part of the public contract. */
import type { Language } from './vocabulary.js';

type Localised = Readonly<Record<Language, string>>;

export interface TemplateArea {
  readonly title: Localised;
  readonly description: Localised;
}

export interface Template {
  readonly id: TemplateId;
  readonly title: Localised;
  readonly areas: readonly TemplateArea[];
}

export const TEMPLATE_IDS = ['innovation-strategy', 'experiences-and-needs', 'retrospective', 'blank'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

export const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  'innovation-strategy': {
    id: 'innovation-strategy',
    title: { nb: 'Innovasjonsstrategi', en: 'Innovation strategy' },
    areas: [
      {
        title: { nb: 'Innovasjon som virkemiddel', en: 'Innovation as a means' },
        description: {
          nb: 'Innovasjon er et virkemiddel for å nå kommunens mål.',
          en: "Innovation is a means to reach the municipality's goals.",
        },
      },
      {
        title: { nb: 'Gevinstrealisering og spredning', en: 'Benefits realisation and spreading' },
        description: {
          nb: 'Kommunen jobber systematisk med gevinstrealisering og spredning.',
          en: 'The municipality works systematically with realising benefits and spreading what works.',
        },
      },
      {
        title: { nb: 'Spille på lag med omverdenen', en: 'Playing together with the world around us' },
        description: {
          nb: 'Kommunen spiller på lag med næringsliv, frivillighet, forskning og innbyggere.',
          en: 'The municipality works together with business, the voluntary sector, research and citizens.',
        },
      },
      {
        title: { nb: 'Innovasjonskultur', en: 'Innovation culture' },
        description: {
          nb: 'Vi bygger videre på arbeidet med innovasjonskultur fra dagens strategi.',
          en: "We build on the work on innovation culture from today's strategy.",
        },
      },
    ],
  },
  'experiences-and-needs': {
    id: 'experiences-and-needs',
    title: { nb: 'Erfaringer og behov', en: 'Experiences and needs' },
    areas: [
      {
        title: { nb: 'Hva har vi oppnådd?', en: 'What have we achieved?' },
        description: { nb: 'Det som har lyktes så langt.', en: 'What has worked so far.' },
      },
      {
        title: { nb: 'Hva har vi ikke oppnådd?', en: 'What have we not achieved?' },
        description: { nb: 'Det som gjenstår eller ikke har lyktes.', en: 'What is left or has not worked.' },
      },
      {
        title: { nb: 'Hva trenger vi?', en: 'What do we need?' },
        description: { nb: 'Behov framover.', en: 'Needs from here on.' },
      },
    ],
  },
  retrospective: {
    id: 'retrospective',
    title: { nb: 'Retrospektiv', en: 'Retrospective' },
    areas: [
      {
        title: { nb: 'Dette fungerte', en: 'What worked' },
        description: { nb: 'Det vi vil fortsette med.', en: 'What we want to keep doing.' },
      },
      {
        title: { nb: 'Dette fungerte ikke', en: 'What did not work' },
        description: { nb: 'Det vi vil endre.', en: 'What we want to change.' },
      },
      {
        title: { nb: 'Ideer', en: 'Ideas' },
        description: { nb: 'Nye ting å prøve.', en: 'New things to try.' },
      },
    ],
  },
  blank: {
    id: 'blank',
    title: { nb: 'Blank tavle', en: 'Blank board' },
    areas: [
      {
        title: { nb: 'Område 1', en: 'Area 1' },
        description: { nb: '', en: '' },
      },
    ],
  },
};
