import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDS, addNote, groupNotes, readAreaLayout, readCluster, readNote, updateSettings } from '@verksted/shared';
import { getNoteLayoutStore } from './note-layout-store';
import { resolveDropTarget, type DropZoneData, type ZoneHit } from '../notes/note-drag';
import { groupNotesTogether, moveNoteIntoCluster, moveNoteTo } from '../notes/note-actions';
import { useAppStore } from '../store/app-store';
import { createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { renderBoard } from '../test/render-board';

function setup(phase: 'cluster' | 'share' = 'cluster') {
  const board = createTestBoard(0);
  const areaId = board.areaIds[0]!;
  const add = (text: string): string => addNote(board.doc, { areaId, text, kind: 'idea', authorId: 'other', authorName: 'Ola' });
  const ids = { a: add('Alpha'), b: add('Beta'), c: add('Gamma') };
  updateSettings(board.doc, { phase });
  useAppStore.getState().setIdentity({ name: 'Me', group: null });
  return { ...board, areaId, ids };
}

function cardOf(text: string): HTMLElement {
  return screen.getAllByTestId(TEST_IDS.note).find((el) => el.textContent?.includes(text))!;
}

describe('groups of notes (clusters)', () => {
  it('groups selected notes with the keyboard path, renames, moves and ungroups the group', () => {
    const { doc, areaIds, ids } = setup();
    renderBoard(doc);
    const groupButton = screen.getByRole('button', { name: 'Group selected (0)' });
    expect((groupButton as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Select “Gamma”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Select “Alpha”' }));
    expect(screen.getByRole('button', { name: 'Select “Alpha”' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Group selected (2)' }));

    const group = screen.getByRole('group', { name: 'Group' });
    expect(group.dataset.testid).toBe(TEST_IDS.cluster);
    // In selection order, where the first selected note was.
    expect(within(group).getAllByTestId(TEST_IDS.noteText).map((el) => el.textContent)).toEqual(['Gamma', 'Alpha']);
    expect(readNote(doc, ids.b)?.clusterId).toBeNull();
    expect(useAppStore.getState().selectedNoteIds).toEqual([]);
    expect(useAppStore.getState().announcement?.text).toBe('2 notes grouped.');

    const title = within(group).getByRole('textbox', { name: 'Group title' });
    fireEvent.change(title, { target: { value: 'Data' } });
    fireEvent.keyDown(title, { key: 'Enter' });
    const renamed = screen.getByRole('group', { name: 'Data' });
    const clusterId = renamed.dataset.clusterId!;
    expect(readCluster(doc, clusterId)?.title).toBe('Data');

    fireEvent.click(within(renamed).getByRole('button', { name: 'Move group to area…' }));
    const target = screen.getAllByTestId(TEST_IDS.area)[2]!;
    const targetTitle = target.getAttribute('aria-label')!;
    fireEvent.click(within(renamed).getByRole('button', { name: `Move group to ${targetTitle}` }));
    expect(readCluster(doc, clusterId)?.areaId).toBe(areaIds[2]);
    expect(within(screen.getAllByTestId(TEST_IDS.area)[2]!).getByRole('group', { name: 'Data' })).toBeTruthy();

    fireEvent.click(within(screen.getByRole('group', { name: 'Data' })).getByRole('button', { name: 'Ungroup' }));
    expect(screen.queryByTestId(TEST_IDS.cluster)).toBeNull();
    expect(readCluster(doc, clusterId)).toBeNull();
    expect(readNote(doc, ids.a)?.clusterId).toBeNull();
    expect(readNote(doc, ids.a)?.areaId).toBe(areaIds[2]);
  });

  it('shows groups read-only outside the cluster phase and updates when a peer groups notes', () => {
    const { doc, ids } = setup('share');
    renderBoard(doc);
    expect(screen.queryByRole('button', { name: /^Select/ })).toBeNull();
    const peer = createPeer(doc);
    act(() => {
      const clusterId = groupNotes(peer, [ids.b, ids.c], { title: 'Meetings' });
      expect(clusterId).toBeTruthy();
      syncPeer(peer, doc);
    });
    const group = screen.getByRole('group', { name: 'Meetings' });
    expect(within(group).getByRole('heading', { name: 'Meetings' })).toBeTruthy();
    expect(within(group).queryByRole('button', { name: 'Ungroup' })).toBeNull();
    expect(within(group).getAllByTestId(TEST_IDS.note)).toHaveLength(2);
    expect(cardOf('Alpha').closest('[role="group"]')).toBeNull();
  });

  it('takes a note out of its group from the move menu, dissolving a group left empty', () => {
    const { doc, areaId, ids } = setup();
    const clusterId = groupNotes(doc, [ids.a]);
    renderBoard(doc);
    const card = cardOf('Alpha');
    fireEvent.click(within(card).getByRole('button', { name: 'Move to area…' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Take out of the group' }));
    expect(readNote(doc, ids.a)?.clusterId).toBeNull();
    expect(readCluster(doc, clusterId)).toBeNull();
    expect(readAreaLayout(doc).get(areaId)?.map((item) => item.id)).toEqual([ids.a, ids.b, ids.c]);
  });
});

function area(areaId: string): DropZoneData {
  return { type: 'area', areaId };
}
/** The drag point on note `onNoteId` (or on none), before `beforeNoteId`. */
function on(onNoteId: string | null, beforeNoteId: string | null = null): ZoneHit {
  return { onNoteId, beforeNoteId };
}

describe('dropping in the cluster phase', () => {
  it('groups with a loose note, joins a group, or goes back to the area', () => {
    const { doc, areaId, areaIds, ids } = setup();
    const clusterId = groupNotes(doc, [ids.b, ids.c]);
    const store = getNoteLayoutStore(doc);
    expect(store.getClusterOf(ids.c)).toBe(clusterId);

    expect(resolveDropTarget(doc, ids.a, null, null, 'group')).toBeNull();
    // On itself (never reported, the dragged note is left out) or on nothing: a loose note at the end.
    expect(resolveDropTarget(doc, ids.a, area(areaId), on(ids.a), 'group')).toMatchObject({ kind: 'place', areaId, index: 2 });
    const onNote = resolveDropTarget(doc, ids.b, area(areaId), on(ids.a), 'group');
    expect(onNote).toEqual({ kind: 'group', areaId, noteId: ids.a });
    const onGrouped = resolveDropTarget(doc, ids.a, { type: 'cluster', areaId, clusterId }, on(ids.c), 'group');
    expect(onGrouped).toMatchObject({ kind: 'cluster', clusterId, index: 1 });
    const onBox = resolveDropTarget(doc, ids.a, { type: 'cluster', areaId, clusterId }, on(null), 'group');
    expect(onBox).toMatchObject({ kind: 'cluster', clusterId, index: 2, total: 3 });
    const onArea = resolveDropTarget(doc, ids.b, area(areaIds[1]!), on(null), 'group');
    expect(onArea).toMatchObject({ kind: 'place', areaId: areaIds[1], index: 0 });
    // Outside the cluster phase, a note dropped on another is placed before it.
    expect(resolveDropTarget(doc, ids.c, area(areaId), on(ids.a, ids.a), 'sort')).toMatchObject({ kind: 'place', index: 0 });
  });

  it('writes each drop as one change and removes groups left empty', () => {
    const { doc, areaId, areaIds, ids } = setup();
    const updates: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    const first = groupNotesTogether(doc, [ids.a, ids.b]);
    moveNoteIntoCluster(doc, ids.c, first, 0);
    expect(readAreaLayout(doc).get(areaId)).toEqual([{ type: 'cluster', id: first, noteIds: [ids.c, ids.a, ids.b] }]);
    // A second group taken from the first; then its notes dragged out one by one.
    const second = groupNotesTogether(doc, [ids.a]);
    moveNoteTo(doc, ids.a, areaIds[1]!, 0, { dissolveEmptyGroups: true });
    expect(readCluster(doc, second)).toBeNull();
    expect(readCluster(doc, first)).not.toBeNull();
    moveNoteTo(doc, ids.b, areaIds[1]!, 0, { dissolveEmptyGroups: false });
    expect(updates).toHaveLength(5);
  });
});
