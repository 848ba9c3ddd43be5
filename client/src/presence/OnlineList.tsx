import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import { TEST_IDS } from '@verksted/shared';
import { groupLabel } from '../identity/group-label';
import { usePresence } from './use-presence';

/** "12 online", opening to the list of names. */
export function OnlineList({ awareness }: { awareness: Awareness }) {
  const { t } = useTranslation();
  const people = usePresence(awareness);
  return (
    <details className="online">
      <summary className="online__summary">
        <span data-testid={TEST_IDS.onlineCount}>{t('presence.online', { count: people.length })}</span>
      </summary>
      <ul className="online__list" aria-label={t('presence.listLabel')}>
        {people.map((person) => (
          <li key={person.participantId} className="online__person">
            <span className="online__dot" style={{ backgroundColor: person.colour }} aria-hidden="true" />
            <span>
              {person.isSelf ? t('presence.you', { name: person.name }) : person.name}
              {person.role !== 'participant' && <span className="online__role"> · {t(`roles.${person.role}`)}</span>}
              {person.group && <span className="online__role"> · {groupLabel(person.group, t)}</span>}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
