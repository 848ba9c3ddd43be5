/**
 * `/b/:boardId/present`: the projector view. Read-only, large, high contrast. It connects as a
 * plain reader (no key, no participant secret, no copy on the device), so it shows exactly what
 * the room may see; its awareness role is 'projector', which the participant count leaves out.
 * Loaded on demand (React.lazy), with the QR code library only when the code is drawn.
 */
import { memo, useEffect, useState } from 'react';
import { useFacilitationTranslation } from '../i18n/namespaces';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { PHASES, TEST_IDS, type Area, type BoardSettings } from '@verksted/shared';
import { ApiError, fetchBoardInfo, type BoardInfo } from '../api/boards-api';
import { LiveRegion } from '../board/LiveRegion';
import { ResultsView } from '../board/ResultsView';
import { TimerDisplay } from '../board/TimerDisplay';
import { useSettings } from '../board/settings-store';
import { useAreaItems } from '../board/use-area-note-ids';
import { useAreas } from '../board/use-areas';
import { useBoardMeta } from '../board/use-board-meta';
import { useCluster } from '../board/use-cluster';
import { useNoteTally } from '../board/votes-store';
import { NotFoundPage } from '../ui/lazy-pages';
import { groupLabel } from '../identity/group-label';
import { useNote } from '../notes/use-note';
import { readableNoteColour } from '../notes/note-colour';
import { countParticipants, usePresence } from '../presence/use-presence';
import { participantUrl } from '../router';
import { openBoardConnection, type BoardConnection } from '../sync/board-connection';
import { useAppStore } from '../store/app-store';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { QrCode } from '../ui/QrCode';
import { formatNumber } from '../i18n/i18n';

export default function ProjectorPage({ boardId }: { boardId: string }) {
  const { t } = useFacilitationTranslation();
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const [info, setInfo] = useState<BoardInfo | null>(null);
  const [infoNotFound, setInfoNotFound] = useState(false);
  const contentReady = useAppStore((s) => s.contentReady);
  const connectionStatus = useAppStore((s) => s.connection);

  useEffect(() => {
    const controller = new AbortController();
    fetchBoardInfo(boardId, controller.signal).then(setInfo, (error: unknown) => {
      if (!controller.signal.aborted && error instanceof ApiError && error.kind === 'not-found') setInfoNotFound(true);
    });
    return () => controller.abort();
  }, [boardId]);

  useEffect(() => {
    if (infoNotFound) return;
    const store = useAppStore.getState();
    store.resetConnection();
    const opened = openBoardConnection(boardId, {
      facilitatorKey: null,
      participantSecret: null,
      report: store.setConnectionState,
      persistLocally: false,
    });
    opened.setPresence({ name: t('roles.projector'), group: null, role: 'projector', participantId: '', colour: '#555555' });
    setConnection(opened);
    return () => {
      void opened.destroy();
      setConnection(null);
      useAppStore.getState().resetConnection();
    };
    // The presence name is set once; a language switch does not reconnect.
  }, [boardId, infoNotFound]);

  if (connectionStatus === 'deleted') return <NotFoundPage deleted />;
  if (infoNotFound || connectionStatus === 'not-found') return <NotFoundPage board />;

  return (
    <div className="projector" data-testid={TEST_IDS.projector}>
      {connection && contentReady ? (
        <ProjectorView doc={connection.doc} awareness={connection.awareness} boardId={boardId} info={info} />
      ) : (
        <p className="projector__loading" role="status">
          {t('board.loading')}
        </p>
      )}
      <LiveRegion />
    </div>
  );
}

interface ProjectorViewProps {
  doc: Y.Doc;
  awareness: Awareness;
  boardId: string;
  info: BoardInfo | null;
}

export function ProjectorView({ doc, awareness, boardId, info }: ProjectorViewProps) {
  const { t } = useFacilitationTranslation();
  const settings = useSettings(doc);
  const meta = useBoardMeta(doc);
  const areas = useAreas(doc);
  const people = usePresence(awareness);
  const participants = countParticipants(people);
  const title = meta.title || info?.title || t('board.untitled');
  const link = participantUrl(boardId);
  const { phase, timer } = settings;
  const focused = settings.focusAreaId ? areas.filter((area) => area.id === settings.focusAreaId) : [];
  const shown = focused.length > 0 ? focused : areas;
  const isFocused = focused.length > 0;

  useEffect(() => {
    document.title = t('projector.documentTitle', { title });
  }, [t, title]);

  return (
    <>
      <header className="projector__header">
        <div className="projector__heading">
          <h1 className="projector__title" data-testid={TEST_IDS.boardTitle}>
            {title}
          </h1>
          <p className="projector__phase">
            <span className="projector__step">{t('phase.step', { step: PHASES.indexOf(phase) + 1, total: PHASES.length })}</span>{' '}
            <strong data-testid={TEST_IDS.phase} data-phase={phase}>
              {t(`phases.${phase}`)}
            </strong>
          </p>
          <p className="projector__help">{t(`projectorHelp.${phase}`)}</p>
        </div>
        <div className="projector__status">
          {timer.status !== 'idle' && <TimerDisplay timer={timer} announceEnd className="timer timer--projector" />}
          <p className="projector__count" data-testid={TEST_IDS.participantCount} data-count={participants}>
            {t('projector.participants', { count: participants })}
          </p>
          {settings.locked && <p className="projector__locked">{t('projector.locked')}</p>}
          {/* The projector follows the language chosen on the device; a laptop of its own can pick here. */}
          <LanguageSwitch />
        </div>
        <div className="projector__join">
          <QrCode text={link} label={t('share.qrLabel', { url: link })} className="qr qr--projector" />
          <div className="projector__join-text">
            <p className="projector__join-label">{t('projector.joinAt')}</p>
            <p className="projector__url">{link}</p>
            {info?.joinCode && (
              <p className="projector__code-line">
                {t('projector.orCode', { url: `${window.location.host}/join` })}{' '}
                <strong className="projector__code" data-testid={TEST_IDS.joinCode}>
                  {info.joinCode}
                </strong>
              </p>
            )}
          </div>
        </div>
      </header>
      <main className={isFocused ? 'projector__board projector__board--focus' : 'projector__board'}>
        {phase === 'brainstorm' ? (
          <BrainstormCounts areas={shown} counts={settings.brainstormCounts} />
        ) : phase === 'results' ? (
          <ResultsView doc={doc} showAuthors={!settings.anonymous} areaId={isFocused ? shown[0]!.id : null} variant="projector" />
        ) : (
          <div className="projector-areas" style={{ '--area-count': shown.length } as React.CSSProperties}>
            {shown.map((area) => (
              <ProjectorArea key={area.id} doc={doc} area={area} settings={settings} />
            ))}
          </div>
        )}
      </main>
    </>
  );
}

/** The silent brainstorm: how many notes each area has, never their text. */
function BrainstormCounts({ areas, counts }: { areas: readonly Area[]; counts: Record<string, number> }) {
  const { t } = useFacilitationTranslation();
  const total = areas.reduce((sum, area) => sum + (counts[area.id] ?? 0), 0);
  return (
    <section className="projector-counts" aria-label={t('projector.countsLabel')}>
      <ul className="projector-counts__list" style={{ '--area-count': areas.length } as React.CSSProperties}>
        {areas.map((area) => {
          const count = counts[area.id] ?? 0;
          return (
            <li key={area.id} className="projector-counts__area" data-area-id={area.id}>
              <h2 className="projector-counts__title">{area.title}</h2>
              <p className="projector-counts__value" data-testid={TEST_IDS.brainstormCount} data-count={count}>
                <span className="projector-counts__number">{formatNumber(count)}</span>{' '}
                <span className="projector-counts__label">{t('brainstorm.countLabel', { count })}</span>
              </p>
            </li>
          );
        })}
      </ul>
      <p className="projector-counts__total">{t('projector.totalNotes', { count: total })}</p>
    </section>
  );
}

interface ProjectorAreaProps {
  doc: Y.Doc;
  area: Area;
  settings: BoardSettings;
}

function ProjectorArea({ doc, area, settings }: ProjectorAreaProps) {
  const items = useAreaItems(doc, area.id);
  const showAuthors = !settings.anonymous;
  const showTotals = settings.phase === 'vote' && settings.votesRevealed;
  const budget = settings.voteBudget;
  return (
    <section className="projector-area" aria-labelledby={`projector-area-${area.id}`} data-testid={TEST_IDS.area} data-area-id={area.id}>
      <h2 id={`projector-area-${area.id}`} className="projector-area__title">
        {area.title}
      </h2>
      <ul className="projector-area__notes">
        {items.map((item) =>
          item.type === 'note' ? (
            <li key={item.id}>
              <ProjectorNote doc={doc} noteId={item.id} showAuthors={showAuthors} showTotals={showTotals} budget={budget} />
            </li>
          ) : item.noteIds.length > 0 ? (
            <li key={item.id}>
              <ProjectorCluster doc={doc} clusterId={item.id} noteIds={item.noteIds} showAuthors={showAuthors} showTotals={showTotals} budget={budget} />
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}

interface NoteDisplayProps {
  doc: Y.Doc;
  showAuthors: boolean;
  showTotals: boolean;
  budget: number;
}

const ProjectorCluster = memo(function ProjectorCluster({
  doc,
  clusterId,
  noteIds,
  ...display
}: NoteDisplayProps & { clusterId: string; noteIds: readonly string[] }) {
  const { t } = useFacilitationTranslation();
  const cluster = useCluster(doc, clusterId);
  const label = cluster?.title || t('cluster.untitled');
  return (
    <div className="projector-cluster" role="group" aria-label={label} data-testid={TEST_IDS.cluster}>
      <h3 className="projector-cluster__title">{label}</h3>
      <ul className="projector-cluster__notes">
        {noteIds.map((id) => (
          <li key={id}>
            <ProjectorNote doc={doc} noteId={id} {...display} />
          </li>
        ))}
      </ul>
    </div>
  );
});

const ProjectorNote = memo(function ProjectorNote({ doc, noteId, showAuthors, showTotals, budget }: NoteDisplayProps & { noteId: string }) {
  const { t } = useFacilitationTranslation();
  const note = useNote(doc, noteId);
  const total = useNoteTally(doc, noteId, budget);
  if (!note) return null;
  const name = note.authorName || t('note.unknownAuthor');
  return (
    <article className="projector-note" data-testid={TEST_IDS.note} style={{ backgroundColor: readableNoteColour(note.colour, note.kind) }}>
      <span className="projector-note__kind">{t(`kinds.${note.kind}`)}</span>
      <p className="projector-note__text" data-testid={TEST_IDS.noteText}>
        {note.text}
      </p>
      {showAuthors && (
        <p className="projector-note__author">
          {note.group ? t('note.authorWithGroup', { name, group: groupLabel(note.group, t) }) : t('note.author', { name })}
        </p>
      )}
      {showTotals && (
        <p className="projector-note__votes" data-testid={TEST_IDS.noteVotes} data-count={total}>
          {t('vote.total', { count: total })}
        </p>
      )}
    </article>
  );
});
