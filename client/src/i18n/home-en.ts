/**
 * English strings of the `home` namespace: the front page, the join page and the not-found page.
 * Loaded with those pages (they are not part of the board's first download). `home-nb.ts` must
 * have the same keys (checked by the type `HomeMessages` and by `i18n.test.ts`).
 */
import type { Widen } from './en';

export const homeEn = {
  home: {
    pageTitle: 'Verksted – idea workshops',
    createHeading: 'Create a workshop',
    titleLabel: 'Title of the workshop',
    titleHint: "Leave it empty to use the template's name.",
    templateLegend: 'Choose a template',
    templateAreas: 'Areas: {{areas}}',
    blankTemplateHint: 'One area to start with; you name the areas.',
    createButton: 'Create workshop',
    creating: 'Creating…',
    joinHeading: 'Join a workshop',
    codeLabel: 'Join code',
    codeHint: 'Six letters and digits, shown by the facilitator.',
    joinButton: 'Join',
    joining: 'Joining…',
    deletedNotice: 'The workshop “{{title}}” was deleted.',
    dismissNotice: 'Dismiss',
  },
  join: {
    pageTitle: 'Join a workshop',
    lookingUp: 'Looking up the code…',
  },
  notFound: {
    pageTitle: 'Page not found',
    pageBody: 'There is nothing at this address.',
    boardTitle: 'This workshop does not exist',
    boardBody: 'Check the link, or ask the facilitator for a new link or join code.',
    goHome: 'Go to the front page',
    deletedTitle: 'This workshop was deleted',
    deletedBody: 'The facilitator deleted it, and its notes are no longer on the server.',
  },
  /** The templates' names and areas, as `@verksted/shared` TEMPLATES has them (i18n.test.ts checks). */
  templates: {
    'innovation-strategy': {
      title: 'Innovation strategy',
      areas: 'Innovation as a means · Benefits realisation and spreading · Playing together with the world around us · Innovation culture',
    },
    'experiences-and-needs': {
      title: 'Experiences and needs',
      areas: 'What have we achieved? · What have we not achieved? · What do we need?',
    },
    retrospective: {
      title: 'Retrospective',
      areas: 'What worked · What did not work · Ideas',
    },
    blank: {
      title: 'Blank board',
      areas: 'Area 1',
    },
  },
} as const;

export type HomeMessages = Widen<typeof homeEn>;
