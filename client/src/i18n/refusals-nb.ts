/** Norsk bokmål for the `refusals` namespace. Same keys as `refusals-en.ts`. */
import type { RefusalMessages } from './refusals-en';

export const refusalsNb: RefusalMessages = {
  reason: {
    settings: 'bare fasilitatorstyringen kan endre innstillingene',
    unresolvable: 'den skriver til et ukjent sted',
    locked: 'tavlen er låst',
    meta: 'bare fasilitatoren kan endre tavlen',
    areas: 'bare fasilitatoren kan endre områdene',
    unknownRoot: 'den skriver til en ukjent del av tavlen',
    addNote: 'det er ikke åpent for å legge til lapper nå',
    editNote: 'det er ikke åpent for å endre lapper nå',
    moveNote: 'det er ikke åpent for å flytte lapper nå',
    clustering: 'det er ikke åpent for å gruppere nå',
    voting: 'det er ikke åpent for å stemme nå',
    forgedAuthor: 'en ny lapp må ha deg som forfatter',
    fixedField: 'forfatteren og tidspunktet til en lapp kan ikke endres',
    unknownField: 'den skriver til en ukjent del av en lapp',
    replaceNote: 'en lapp kan ikke erstattes',
    othersNote: 'du kan bare endre dine egne lapper',
    moveOthers: 'du kan bare flytte andres lapper mens dere grupperer',
    deleteOthers: 'du kan bare slette dine egne lapper',
    voteUnidentified: 'for å stemme trengs en deltaker-id',
    voteAsOther: 'du kan bare stemme som deg selv',
    unvoteOthers: 'du kan bare ta tilbake dine egne prikker',
    notAVote: 'den skriver noe som ikke er en prikk',
    noteTooLong: 'teksten på lappen ville blitt lengre enn grensen',
  },
};
