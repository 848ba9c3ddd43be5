import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS, isNoteKind } from '@verksted/shared';
import type { RollupArea, RollupItem, RollupResult } from '../api/exports-api';
import { groupLabel } from '../identity/group-label';
import { useExportsTranslation } from '../i18n/namespaces';

interface RollupOverviewProps {
  overview: RollupResult;
  /** Board titles known on this device, for items whose board the server did not name. */
  titles: ReadonlyMap<string, string>;
}

/** The combined overview: per area, the notes of all the workshops ranked by dots, with their source. */
export function RollupOverview({ overview, titles }: RollupOverviewProps) {
  const { t } = useExportsTranslation();
  return (
    <div className="report rollup__overview">
      {overview.areas.map((area, index) => (
        <RollupAreaSection key={`${index}-${area.title}`} area={area} titles={titles} />
      ))}
      {overview.unmatched.length > 0 && (
        <>
          <h2 className="rollup__unmatched">{t('rollup.unmatchedHeading')}</h2>
          {overview.unmatched.map((area, index) => (
            <RollupAreaSection key={`unmatched-${index}-${area.title}`} area={area} titles={titles} />
          ))}
        </>
      )}
    </div>
  );
}

function RollupAreaSection({ area, titles }: { area: RollupArea; titles: ReadonlyMap<string, string> }) {
  const { t } = useExportsTranslation();
  const headingId = useId();
  return (
    <section className="report__area" aria-labelledby={headingId}>
      <h3 id={headingId} className="rollup__area-title">
        {area.title || t('rollup.untitledArea')}
      </h3>
      {area.items.length === 0 ? (
        <p className="report__empty">{t('rollup.noItems')}</p>
      ) : (
        <ol className="report__list">
          {area.items.map((item, index) => (
            <RollupEntry key={index} item={item} titles={titles} />
          ))}
        </ol>
      )}
    </section>
  );
}

function RollupEntry({ item, titles }: { item: RollupItem; titles: ReadonlyMap<string, string> }) {
  const { t } = useExportsTranslation();
  const { t: tMain } = useTranslation();
  const board = item.board.title || titles.get(item.board.id) || tMain('board.untitled');
  return (
    <li className="report__item" data-testid={TEST_IDS.rollupItem} data-votes={item.votes} data-board-id={item.board.id}>
      <p className="report__line">
        {item.kind && <span className="report__kind">{isNoteKind(item.kind) ? tMain(`kinds.${item.kind}`) : item.kind}</span>}
        <span className="report__votes">{t('rollup.votes', { count: item.votes })}</span>
      </p>
      <p className="report__text">{item.text}</p>
      <p className="report__author">
        {item.group ? t('rollup.sourceWithGroup', { board, group: groupLabel(item.group, tMain) }) : t('rollup.source', { board })}
        {item.cluster && ` · ${t('rollup.inGroup', { title: item.cluster })}`}
      </p>
    </li>
  );
}
