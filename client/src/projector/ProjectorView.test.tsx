import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { TEST_IDS, addNote, groupNotes, readAreas, updateSettings } from '@verksted/shared';
import type { BoardInfo } from '../api/boards-api';
import type { PresenceState } from '../sync/board-connection';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { ProjectorView } from './ProjectorPage';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';
const INFO: BoardInfo = {
  id: BOARD_ID,
  title: 'Test workshop',
  template: 'innovation-strategy',
  language: 'en',
  createdAt: 0,
  joinCode: 'ABC234',
  areaCount: 4,
  noteCount: 0,
  online: 0,
};

const awarenesses: Awareness[] = [];
afterEach(() => {
  for (const a of awarenesses.splice(0)) a.destroy();
});

/** The projector's own awareness, with `others` joined from their own devices. */
function roomAwareness(others: PresenceState[]): Awareness {
  const own = new Awareness(new Y.Doc());
  own.setLocalState({ name: 'Projector', group: null, role: 'projector', participantId: '', colour: '#555555' });
  awarenesses.push(own);
  for (const state of others) {
    const device = new Awareness(new Y.Doc());
    device.setLocalState(state);
    awarenesses.push(device);
    applyAwarenessUpdate(own, encodeAwarenessUpdate(device, [device.clientID]), 'remote');
  }
  return own;
}

function person(participantId: string, role: PresenceState['role'] = 'participant'): PresenceState {
  return { name: participantId, group: null, role, participantId, colour: '#1f4e8c' };
}

describe('projector view', () => {
  it('shows counts per area in the brainstorm, never the notes, and how to join', async () => {
    const { doc, areaIds } = createTestBoard(0);
    addNote(doc, { areaId: areaIds[0]!, text: 'Secret idea', kind: 'idea', authorId: 'me', authorName: 'Kari' });
    updateSettings(doc, { phase: 'brainstorm', brainstormCounts: { [areaIds[0]!]: 12, [areaIds[1]!]: 1 } });
    const awareness = roomAwareness([person('a'), person('b'), person('c'), person('f', 'facilitator'), person('', 'projector')]);
    render(<ProjectorView doc={doc} awareness={awareness} boardId={BOARD_ID} info={INFO} />);

    const counts = screen.getAllByTestId(TEST_IDS.brainstormCount);
    expect(counts).toHaveLength(areaIds.length);
    expect(counts[0]!.textContent).toBe('12 notes so far');
    expect(counts[1]!.textContent).toBe('1 note so far');
    expect(counts[2]!.textContent).toBe('0 notes so far');
    expect(screen.getByText('13 notes in all')).toBeTruthy();
    expect(screen.queryByText('Secret idea')).toBeNull();

    expect(screen.getByTestId(TEST_IDS.phase).textContent).toBe('Brainstorm');
    expect(screen.getByTestId(TEST_IDS.participantCount).textContent).toBe('3 participants');
    expect(screen.getByTestId(TEST_IDS.joinCode).textContent).toBe('ABC234');
    expect(screen.getByText(`${window.location.origin}/b/${BOARD_ID}`)).toBeTruthy();
    const qr = await screen.findByRole('img', { name: `QR code for ${window.location.origin}/b/${BOARD_ID}` });
    expect(qr.dataset.testid).toBe(TEST_IDS.qrCode);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the notes (without names in anonymous mode), groups, one focused area, and follows the phase', () => {
    const { doc, areaIds } = createTestBoard(0);
    const a = addNote(doc, { areaId: areaIds[0]!, text: 'Share data', kind: 'idea', authorId: 'x', authorName: 'Kari' });
    const b = addNote(doc, { areaId: areaIds[0]!, text: 'Open data', kind: 'idea', authorId: 'y', authorName: 'Ola' });
    addNote(doc, { areaId: areaIds[1]!, text: 'Elsewhere', kind: 'need', authorId: 'y', authorName: 'Ola' });
    groupNotes(doc, [a, b], { title: 'Data' });
    updateSettings(doc, { phase: 'share', anonymous: true });
    render(<ProjectorView doc={doc} awareness={roomAwareness([])} boardId={BOARD_ID} info={INFO} />);

    expect(within(screen.getByRole('group', { name: 'Data' })).getAllByTestId(TEST_IDS.note)).toHaveLength(2);
    expect(screen.getByText('Elsewhere')).toBeTruthy();
    expect(screen.queryByText(/Kari/)).toBeNull();
    expect(screen.getByTestId(TEST_IDS.participantCount).textContent).toBe('0 participants');

    const server = createPeer(doc);
    const focus = readAreas(doc)[1]!;
    act(() => {
      updateSettings(server, { focusAreaId: focus.id, anonymous: false });
      syncPeer(server, doc);
    });
    expect(screen.getAllByTestId(TEST_IDS.area)).toHaveLength(1);
    expect(screen.getByRole('heading', { name: focus.title })).toBeTruthy();
    expect(screen.getByText('By Ola')).toBeTruthy();
    expect(screen.queryByText('Share data')).toBeNull();

    act(() => {
      updateSettings(server, { phase: 'results', focusAreaId: null });
      syncPeer(server, doc);
    });
    expect(screen.getByTestId(TEST_IDS.results)).toBeTruthy();
    expect(screen.getByTestId(TEST_IDS.phase).textContent).toBe('Results');
  });
});
