/** Norsk bokmål for the `home` namespace. Same keys as `home-en.ts` (type and test check it). */
import type { HomeMessages } from './home-en';

export const homeNb: HomeMessages = {
  home: {
    pageTitle: 'Verksted – idéverksted',
    createHeading: 'Lag et verksted',
    titleLabel: 'Navn på verkstedet',
    titleHint: 'La feltet stå tomt for å bruke malens navn.',
    templateLegend: 'Velg en mal',
    templateAreas: 'Områder: {{areas}}',
    blankTemplateHint: 'Ett område til å begynne med; du gir områdene navn selv.',
    createButton: 'Lag verksted',
    creating: 'Lager …',
    joinHeading: 'Bli med i et verksted',
    codeLabel: 'Kode',
    codeHint: 'Seks bokstaver og tall, som fasilitatoren viser.',
    joinButton: 'Bli med',
    joining: 'Kobler til …',
    deletedNotice: 'Verkstedet «{{title}}» ble slettet.',
    dismissNotice: 'Lukk',
  },
  join: {
    pageTitle: 'Bli med i et verksted',
    lookingUp: 'Ser etter koden …',
  },
  notFound: {
    pageTitle: 'Fant ikke siden',
    pageBody: 'Det finnes ingenting på denne adressen.',
    boardTitle: 'Dette verkstedet finnes ikke',
    boardBody: 'Sjekk lenken, eller be fasilitatoren om en ny lenke eller kode.',
    goHome: 'Gå til forsiden',
    deletedTitle: 'Dette verkstedet er slettet',
    deletedBody: 'Fasilitatoren har slettet det, og lappene finnes ikke lenger på serveren.',
  },
  templates: {
    'innovation-strategy': {
      title: 'Innovasjonsstrategi',
      areas: 'Innovasjon som virkemiddel · Gevinstrealisering og spredning · Spille på lag med omverdenen · Innovasjonskultur',
    },
    'experiences-and-needs': {
      title: 'Erfaringer og behov',
      areas: 'Hva har vi oppnådd? · Hva har vi ikke oppnådd? · Hva trenger vi?',
    },
    retrospective: {
      title: 'Retrospektiv',
      areas: 'Dette fungerte · Dette fungerte ikke · Ideer',
    },
    blank: {
      title: 'Blank tavle',
      areas: 'Område 1',
    },
  },
};
