import { useTranslation } from 'react-i18next';
import { TEST_IDS, type AreaWithNotes, type BoardView, type Note, type Phase } from '@verksted/shared';
import { groupLabel } from '../identity/group-label';
import { useExportsTranslation } from '../i18n/namespaces';
import { readableNoteColour } from '../notes/note-colour';

/** Width of one area column in the picture (CSS px); the picture is as wide as its areas. */
export const PICTURE_AREA_WIDTH_PX = 300;
const PICTURE_GAP_PX = 16;
const PICTURE_PADDING_PX = 24;

/** The picture's width for `areaCount` areas side by side. */
export function pictureWidthPx(areaCount: number): number {
  const columns = Math.max(1, areaCount);
  return PICTURE_PADDING_PX * 2 + columns * PICTURE_AREA_WIDTH_PX + (columns - 1) * PICTURE_GAP_PX;
}

export interface BoardPictureProps {
  board: BoardView;
  phase: Phase;
  /** Dots per note, or null when they are not to be shown. */
  tallies: ReadonlyMap<string, number> | null;
  showAuthors: boolean;
  /** The date printed under the title (already formatted). */
  date: string;
}

type PictureItem = { type: 'note'; note: Note } | { type: 'cluster'; id: string; title: string; notes: Note[] };

/** An area's notes and groups in board order (a group's notes stand together in place of it). */
function itemsInOrder(area: AreaWithNotes): PictureItem[] {
  const clusters = new Map(area.clusters.map((c) => [c.id, c]));
  const byId = new Map(area.notes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const items: PictureItem[] = [];
  for (const note of area.notes) {
    const cluster = note.clusterId ? clusters.get(note.clusterId) : undefined;
    if (!cluster) {
      items.push({ type: 'note', note });
    } else if (!seen.has(cluster.id)) {
      seen.add(cluster.id);
      const notes = cluster.noteIds.map((id) => byId.get(id)).filter((n): n is Note => n !== undefined);
      items.push({ type: 'cluster', id: cluster.id, title: cluster.title, notes });
    }
  }
  return items;
}

/**
 * The board drawn for the PNG download: every area side by side with its notes and groups, as
 * the board shows them (same look), without any controls. Rendered off screen and photographed
 * by `renderBoardPicture`.
 */
export function BoardPicture({ board, phase, tallies, showAuthors, date }: BoardPictureProps) {
  const { t: tx } = useExportsTranslation();
  const { t } = useTranslation();
  const width = pictureWidthPx(board.areas.length);
  return (
    <div
      className="board-picture"
      data-testid={TEST_IDS.boardPicture}
      style={{ width: `${width}px`, padding: `${PICTURE_PADDING_PX}px` }}
      role="img"
      aria-label={tx('picture.label', { title: board.title })}
    >
      <div className="board-picture__header">
        <h1 className="board-picture__title">{board.title || t('board.untitled')}</h1>
        <p className="board-picture__meta">
          {tx('picture.meta', {
            date,
            phase: t(`phases.${phase}`),
            notes: tx('picture.notes', { count: board.noteCount }),
          })}
        </p>
      </div>
      <div
        className="board-picture__areas"
        style={{
          gridTemplateColumns: `repeat(${Math.max(1, board.areas.length)}, ${PICTURE_AREA_WIDTH_PX}px)`,
          gap: `${PICTURE_GAP_PX}px`,
        }}
      >
        {board.areas.map((area) => {
          const items = itemsInOrder(area);
          return (
            <section key={area.id} className="area board-picture__area">
              <div className="area__header">
                <h2 className="area__title">{area.title}</h2>
                {area.description && <p className="area__description">{area.description}</p>}
              </div>
              {items.length === 0 ? (
                <p className="area__empty">{tx('picture.emptyArea')}</p>
              ) : (
                <ul className="area__notes">
                  {items.map((item) =>
                    item.type === 'note' ? (
                      <li key={item.note.id} className="note-item">
                        <PictureNote note={item.note} tallies={tallies} showAuthors={showAuthors} />
                      </li>
                    ) : (
                      <li key={item.id} className="cluster-item">
                        <div className="cluster">
                          <div className="cluster__header">
                            <h3 className="cluster__title">{item.title || tx('picture.untitledGroup')}</h3>
                            {tallies && (
                              <span className="board-picture__votes">
                                {tx('picture.votes', {
                                  count: item.notes.reduce((sum, n) => sum + (tallies.get(n.id) ?? 0), 0),
                                })}
                              </span>
                            )}
                          </div>
                          <ul className="cluster__notes">
                            {item.notes.map((note) => (
                              <li key={note.id} className="note-item">
                                <PictureNote note={note} tallies={tallies} showAuthors={showAuthors} />
                              </li>
                            ))}
                          </ul>
                        </div>
                      </li>
                    ),
                  )}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

interface PictureNoteProps {
  note: Note;
  tallies: ReadonlyMap<string, number> | null;
  showAuthors: boolean;
}

function PictureNote({ note, tallies, showAuthors }: PictureNoteProps) {
  const { t: tx } = useExportsTranslation();
  const { t } = useTranslation();
  const name = note.authorName || tx('picture.unknownAuthor');
  return (
    <article className="note" style={{ backgroundColor: readableNoteColour(note.colour, note.kind) }}>
      <div className="note__top">
        <span className="note__kind">{t(`kinds.${note.kind}`)}</span>
        {tallies && <span className="board-picture__votes">{tx('picture.votes', { count: tallies.get(note.id) ?? 0 })}</span>}
      </div>
      <p className="note__text">{note.text}</p>
      {showAuthors && (
        <p className="note__author">
          {note.group ? tx('picture.byWithGroup', { name, group: groupLabel(note.group, t) }) : tx('picture.by', { name })}
        </p>
      )}
    </article>
  );
}
