/** Renders the board as the board page does (phase bar, board, live region) for component tests. */
import { render } from '@testing-library/react';
import type * as Y from 'yjs';
import { BoardView } from '../board/BoardView';
import { LiveRegion } from '../board/LiveRegion';
import { PhaseBar } from '../board/PhaseBar';
import { StatusBanners } from '../board/StatusBanners';
import { usePhaseAnnouncements } from '../board/use-phase-announcements';

function Announcements({ doc }: { doc: Y.Doc }) {
  usePhaseAnnouncements(doc, true);
  return null;
}

export function renderBoard(doc: Y.Doc) {
  return render(
    <>
      <PhaseBar doc={doc} />
      <StatusBanners doc={doc} />
      <BoardView doc={doc} />
      <LiveRegion />
      <Announcements doc={doc} />
    </>,
  );
}
