import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { TEST_IDS, rankBoard, type Note, type RankedItem } from '@verksted/shared';
import { useSettings } from '../board/settings-store';
import { useBoardSnapshot } from '../board/use-board-snapshot';
import { useTallies } from '../board/votes-store';
import { groupLabel } from '../identity/group-label';
import { useExportsTranslation } from '../i18n/namespaces';
import { currentLanguage, formatNumber } from '../i18n/i18n';

const NO_VOTES: ReadonlyMap<string, number> = new Map();

interface ReportViewProps {
  doc: Y.Doc;
  /** Acting as facilitator: sees the dots during the vote before they are revealed. */
  isFacilitator: boolean;
  /** "Today" for the report's date; a parameter for tests. */
  now?: number;
}

interface GroupRow {
  group: string | null;
  notes: number;
  votes: number;
}

/** Notes (and their dots) per stakeholder group, largest first, "no group" last. */
export function countByGroup(notes: readonly Note[], tallies: ReadonlyMap<string, number>): GroupRow[] {
  const rows = new Map<string | null, GroupRow>();
  for (const note of notes) {
    const row = rows.get(note.group) ?? { group: note.group, notes: 0, votes: 0 };
    row.notes += 1;
    row.votes += tallies.get(note.id) ?? 0;
    rows.set(note.group, row);
  }
  return [...rows.values()].sort(
    (a, b) => Number(a.group === null) - Number(b.group === null) || b.notes - a.notes || (a.group ?? '').localeCompare(b.group ?? ''),
  );
}

/**
 * The printable report of a board: title, date, phase; per area its notes and groups ranked by
 * dots (when they may be seen), with kinds, authors unless the workshop is anonymous, and the
 * notes per stakeholder group; and the breakdown for the whole workshop. Follows the board live.
 */
export function ReportView({ doc, isFacilitator, now }: ReportViewProps) {
  const { t } = useExportsTranslation();
  const { t: tMain } = useTranslation();
  const settings = useSettings(doc);
  const board = useBoardSnapshot(doc);
  const allTallies = useTallies(doc, settings.voteBudget);
  const showVotes = settings.phase === 'results' || (settings.phase === 'vote' && (settings.votesRevealed || isFacilitator));
  const tallies = showVotes ? allTallies : NO_VOTES;
  const ranked = useMemo(() => rankBoard(board, tallies), [board, tallies]);
  const showAuthors = !settings.anonymous;
  const date = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long' }).format(new Date(now ?? Date.now()));
  const allNotes = useMemo(() => board.areas.flatMap((area) => area.notes), [board]);

  return (
    <article className="report" data-testid={TEST_IDS.report}>
      <header className="report__header">
        <h1 className="report__title">{board.title || tMain('board.untitled')}</h1>
        <p className="report__meta">
          <span>{t('report.date', { date })}</span>
          <span>{t('report.phase', { phase: tMain(`phases.${settings.phase}`) })}</span>
          <span>{t('report.noteTotal', { count: board.noteCount })}</span>
        </p>
        {settings.anonymous && <p className="report__note">{t('report.anonymous')}</p>}
        {settings.phase === 'vote' && !showVotes && <p className="report__note">{t('report.votesHidden')}</p>}
      </header>
      {ranked.map((area) => {
        const full = board.areas.find((a) => a.id === area.areaId);
        return (
          <ReportArea
            key={area.areaId}
            title={area.title}
            description={full?.description ?? ''}
            items={area.items}
            notes={full?.notes ?? []}
            tallies={tallies}
            showVotes={showVotes}
            showAuthors={showAuthors}
          />
        );
      })}
      {board.areas.length > 1 && allNotes.length > 0 && (
        <section className="report__area report__summary" aria-labelledby="report-summary">
          <h2 id="report-summary">{t('report.boardGroupsHeading')}</h2>
          <GroupTable notes={allNotes} tallies={tallies} showVotes={showVotes} caption={t('report.boardGroupsHeading')} />
        </section>
      )}
    </article>
  );
}

interface ReportAreaProps {
  title: string;
  description: string;
  items: readonly RankedItem[];
  notes: readonly Note[];
  tallies: ReadonlyMap<string, number>;
  showVotes: boolean;
  showAuthors: boolean;
}

function ReportArea({ title, description, items, notes, tallies, showVotes, showAuthors }: ReportAreaProps) {
  const { t } = useExportsTranslation();
  const headingId = useId();
  return (
    <section className="report__area" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {description && <p className="report__description">{description}</p>}
      {items.length === 0 ? (
        <p className="report__empty">{t('report.noNotes')}</p>
      ) : (
        <ol className="report__list">
          {items.map((item) => (
            <li key={item.id} className="report__item" data-testid={TEST_IDS.reportItem} data-votes={item.votes} data-type={item.type}>
              {item.type === 'note' ? (
                <ReportNote note={item.note} votes={showVotes ? item.votes : null} showAuthors={showAuthors} />
              ) : (
                <div className="report__group">
                  <p className="report__group-title">
                    <strong>{t('report.group', { title: item.title || t('report.untitledGroup') })}</strong>{' '}
                    <span className="report__muted">({t('report.groupSize', { count: item.notes.length })})</span>
                    {showVotes && <span className="report__votes">{t('report.votes', { count: item.votes })}</span>}
                  </p>
                  <ul className="report__group-notes">
                    {item.notes.map((note) => (
                      <li key={note.id}>
                        <ReportNote note={note} votes={showVotes ? (tallies.get(note.id) ?? 0) : null} showAuthors={showAuthors} />
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {notes.length > 0 && (
        <div className="report__groups">
          <h3>{t('report.groupsHeading')}</h3>
          <GroupTable notes={notes} tallies={tallies} showVotes={showVotes} caption={t('report.groupsCaption', { area: title })} />
        </div>
      )}
    </section>
  );
}

function ReportNote({ note, votes, showAuthors }: { note: Note; votes: number | null; showAuthors: boolean }) {
  const { t } = useExportsTranslation();
  const { t: tMain } = useTranslation();
  const name = note.authorName || t('report.unknownAuthor');
  return (
    <div className="report__note-body">
      <p className="report__line">
        <span className="report__kind">{tMain(`kinds.${note.kind}`)}</span>
        {votes !== null && <span className="report__votes">{t('report.votes', { count: votes })}</span>}
      </p>
      <p className="report__text">{note.text}</p>
      {showAuthors && (
        <p className="report__author">
          {note.group ? t('report.byWithGroup', { name, group: groupLabel(note.group, tMain) }) : t('report.by', { name })}
        </p>
      )}
    </div>
  );
}

interface GroupTableProps {
  notes: readonly Note[];
  tallies: ReadonlyMap<string, number>;
  showVotes: boolean;
  caption: string;
}

function GroupTable({ notes, tallies, showVotes, caption }: GroupTableProps) {
  const { t } = useExportsTranslation();
  const { t: tMain } = useTranslation();
  const rows = countByGroup(notes, tallies);
  const totalVotes = rows.reduce((sum, row) => sum + row.votes, 0);
  return (
    <table className="report__table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('report.groupColumn')}</th>
          <th scope="col">{t('report.notesColumn')}</th>
          {showVotes && <th scope="col">{t('report.dotsColumn')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.group ?? ''}>
            <th scope="row">{row.group ? groupLabel(row.group, tMain) : t('report.noGroup')}</th>
            <td>{formatNumber(row.notes)}</td>
            {showVotes && <td>{formatNumber(row.votes)}</td>}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('report.total')}</th>
          <td>{formatNumber(notes.length)}</td>
          {showVotes && <td>{formatNumber(totalVotes)}</td>}
        </tr>
      </tfoot>
    </table>
  );
}
