import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { TEST_IDS, rankBoard, type Note, type RankedArea } from '@verksted/shared';
import { groupLabel } from '../identity/group-label';
import { useBoardSnapshot } from './use-board-snapshot';
import { useSettingsValue } from './settings-store';
import { useTallies } from './votes-store';

interface ResultsViewProps {
  doc: Y.Doc;
  /** Show who wrote each note (not in anonymous mode for participants and the projector). */
  showAuthors: boolean;
  /** Only this area (the projector's focus). */
  areaId?: string | null;
  variant?: 'board' | 'projector';
}

/** The results: per area, notes and groups ranked by dots (a group counts its notes' dots). */
export function ResultsView({ doc, showAuthors, areaId = null, variant = 'board' }: ResultsViewProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const budget = useSettingsValue(doc, (s) => s.voteBudget);
  const tallies = useTallies(doc, budget);
  const board = useBoardSnapshot(doc);
  const ranked = useMemo(() => rankBoard(board, tallies), [board, tallies]);
  const shown = areaId ? ranked.filter((area) => area.areaId === areaId) : ranked;

  return (
    <section className={`results results--${variant}`} data-testid={TEST_IDS.results} aria-labelledby={headingId}>
      <h2 id={headingId} className="results__title">
        {t('results.title')}
      </h2>
      <div className="results__areas" style={{ '--area-count': shown.length } as React.CSSProperties}>
        {shown.map((area) => (
          <ResultsArea key={area.areaId} area={area} tallies={tallies} showAuthors={showAuthors} />
        ))}
      </div>
    </section>
  );
}

interface ResultsAreaProps {
  area: RankedArea;
  tallies: ReadonlyMap<string, number>;
  showAuthors: boolean;
}

function ResultsArea({ area, tallies, showAuthors }: ResultsAreaProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="results__area" aria-labelledby={headingId}>
      <h3 id={headingId} className="results__area-title">
        {area.title}
      </h3>
      {area.items.length === 0 ? (
        <p className="results__empty">{t('results.noNotes')}</p>
      ) : (
        <ol className="results__list">
          {area.items.map((item) => (
            <li key={item.id} className="results__item" data-testid={TEST_IDS.resultItem} data-votes={item.votes} data-type={item.type}>
              <span className="results__votes">{t('vote.total', { count: item.votes })}</span>
              {item.type === 'note' ? (
                <ResultNote note={item.note} showAuthors={showAuthors} />
              ) : (
                <div className="results__group">
                  <p className="results__group-title">
                    {item.title || t('cluster.untitled')}{' '}
                    <span className="results__group-size">{t('results.groupSize', { count: item.notes.length })}</span>
                  </p>
                  <ul className="results__group-notes">
                    {item.notes.map((note) => (
                      <li key={note.id}>
                        <ResultNote note={note} showAuthors={showAuthors} votes={tallies.get(note.id) ?? 0} />
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ResultNote({ note, showAuthors, votes }: { note: Note; showAuthors: boolean; votes?: number }) {
  const { t } = useTranslation();
  const name = note.authorName || t('note.unknownAuthor');
  return (
    <div className="results__note">
      <span className="results__kind">{t(`kinds.${note.kind}`)}</span>
      <p className="results__text">{note.text}</p>
      {(showAuthors || votes !== undefined) && (
        <p className="results__meta">
          {showAuthors &&
            (note.group ? t('note.authorWithGroup', { name, group: groupLabel(note.group, t) }) : t('note.author', { name }))}
          {showAuthors && votes !== undefined && ' · '}
          {votes !== undefined && t('vote.total', { count: votes })}
        </p>
      )}
    </div>
  );
}
