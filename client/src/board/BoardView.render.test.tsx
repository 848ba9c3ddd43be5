import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addNote, addVote, groupNotes, moveNote, readAreaLayout, readNote, updateNote, updateSettings, TEST_IDS } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { RenderCounter, createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { setRenderProbe } from '../ui/render-probe';
import { BoardView } from './BoardView';

const NOTE_COUNT = 1000;

/** A peer adds `count` notes one by one just before `itemId` (a note or group) of the area, each synced to `doc`. */
function addNotesBefore(peer: Y.Doc, doc: Y.Doc, areaId: string, itemId: string, count: number): void {
  for (let i = 0; i < count; i++) {
    act(() => {
      const added = addNote(peer, { areaId, text: `Added ${i}`, kind: 'idea', authorId: 'x', authorName: 'Kari' });
      moveNote(peer, added, { areaId, index: readAreaLayout(peer).get(areaId)!.findIndex((item) => item.id === itemId) });
      syncPeer(peer, doc);
    });
  }
}

describe('BoardView re-renders', { timeout: 30_000 }, () => {
  afterEach(() => setRenderProbe(null));

  it('re-renders exactly the edited NoteCard when a remote peer edits one note of 1,000', () => {
    const { doc, noteIds } = createTestBoard(NOTE_COUNT);
    const counter = new RenderCounter();
    setRenderProbe(counter.record);
    render(<BoardView doc={doc} />);
    expect(screen.getAllByTestId(TEST_IDS.note)).toHaveLength(NOTE_COUNT);
    expect(counter.total('NoteCard')).toBe(NOTE_COUNT);

    const peer = createPeer(doc);
    const edited = noteIds[437]!;
    counter.reset();
    act(() => {
      updateNote(peer, edited, { text: 'Edited far away' });
      syncPeer(peer, doc);
    });

    expect(readNote(doc, edited)?.text).toBe('Edited far away');
    expect(screen.getByText('Edited far away')).toBeTruthy();
    expect(counter.count('NoteCard', edited)).toBe(1);
    expect(counter.total('NoteCard')).toBe(1);
    expect(counter.total('DraggableNote')).toBe(0);
    expect(counter.total('AreaColumn')).toBe(0);
    expect(counter.total('BoardView')).toBe(0);
  });

  it('re-renders only the receiving column and the new card when a remote peer adds a note', () => {
    const { doc, areaIds, noteIds } = createTestBoard(NOTE_COUNT);
    const counter = new RenderCounter();
    setRenderProbe(counter.record);
    render(<BoardView doc={doc} />);

    const peer = createPeer(doc);
    const target = areaIds[2]!;
    counter.reset();
    let added = '';
    act(() => {
      added = addNote(peer, { areaId: target, text: 'A new idea', kind: 'idea', authorId: 'x', authorName: 'Kari' });
      syncPeer(peer, doc);
    });

    expect(screen.getByText('A new idea')).toBeTruthy();
    expect(counter.count('AreaColumn', target)).toBe(1);
    expect(counter.total('AreaColumn')).toBe(1);
    expect(counter.count('NoteCard', added)).toBe(1);
    expect(counter.total('NoteCard')).toBe(1);
    expect(counter.total('BoardView')).toBe(0);
    // Only the new note's draggable wrapper renders; the others' props did not change.
    expect(counter.count('DraggableNote', added)).toBe(1);
    expect(counter.total('DraggableNote')).toBe(1);
  });

  it('with groups and dots: a remote edit, dot or count change re-renders only what shows it', () => {
    const { doc, areaIds, noteIds } = createTestBoard(NOTE_COUNT);
    // 60 groups of 3 notes, dots from 40 participants, the vote revealed.
    for (let g = 0; g < 60; g++) groupNotes(doc, [noteIds[g * 12]!, noteIds[g * 12 + 4]!, noteIds[g * 12 + 8]!], { title: `G${g}` });
    for (let p = 0; p < 40; p++) for (let d = 0; d < 5; d++) addVote(doc, `p${p}`, noteIds[(p * 37 + d * 101) % NOTE_COUNT]!, 5);
    updateSettings(doc, { phase: 'vote', votesRevealed: true, voteBudget: 5 });
    const counter = new RenderCounter();
    setRenderProbe(counter.record);
    render(<BoardView doc={doc} />);
    expect(screen.getAllByTestId(TEST_IDS.cluster)).toHaveLength(60);
    expect(screen.getAllByTestId(TEST_IDS.note)).toHaveLength(NOTE_COUNT);
    expect(screen.getAllByTestId(TEST_IDS.noteVotes)).toHaveLength(NOTE_COUNT);

    const peer = createPeer(doc);
    const grouped = noteIds[4]!;
    counter.reset();
    act(() => {
      updateNote(peer, grouped, { text: 'Edited in a group' });
      syncPeer(peer, doc);
    });
    expect(screen.getByText('Edited in a group')).toBeTruthy();
    expect(counter.total('NoteCard')).toBe(1);
    expect(counter.count('NoteCard', grouped)).toBe(1);
    expect(counter.total('NoteVotes')).toBe(1); // its accessible names carry the text
    expect(counter.total('DraggableNote')).toBe(0);
    expect(counter.total('ClusterBox')).toBe(0);
    expect(counter.total('AreaColumn')).toBe(0);
    expect(counter.total('BoardView')).toBe(0);

    const voted = noteIds[999]!;
    counter.reset();
    act(() => {
      addVote(peer, 'late-participant', voted, 5);
      syncPeer(peer, doc);
    });
    expect(counter.total('NoteVotes')).toBe(1);
    expect(counter.count('NoteVotes', voted)).toBe(1);
    expect(counter.total('NoteCard')).toBe(0);
    expect(counter.total('AreaColumn')).toBe(0);

    // The server updates the brainstorm counts often; only what shows them re-renders.
    counter.reset();
    act(() => {
      updateSettings(peer, { brainstormCounts: { [areaIds[0]!]: 3 } });
      syncPeer(peer, doc);
    });
    expect(counter.total('NoteCard')).toBe(0);
    expect(counter.total('NoteVotes')).toBe(0);
    expect(counter.total('DraggableNote')).toBe(0);
    expect(counter.total('AreaColumn')).toBe(0);
  });

  it('a remote move or many adds keep the other notes\' elements, and the note being edited is never re-created', () => {
    const { doc, areaIds } = createTestBoard(NOTE_COUNT);
    const area = areaIds[0]!;
    const areaNotes = (): string[] => readAreaLayout(doc).get(area)!.map((item) => item.id);
    const elementOf = (noteId: string): Element => document.querySelector(`[data-note-id="${noteId}"]`)!;
    render(<BoardView doc={doc} />);
    const before = areaNotes();
    const elements = new Map(before.map((id) => [id, elementOf(id)]));
    const recreated = (): string[] => [...elements].filter(([id, element]) => elementOf(id) !== element).map(([id]) => id);

    // Someone moves the area's last note to the top: only that note's element is new.
    const peer = createPeer(doc);
    const last = before.at(-1)!;
    act(() => {
      moveNote(peer, last, { areaId: area, index: 0 });
      syncPeer(peer, doc);
    });
    expect(areaNotes()[0]).toBe(last);
    expect(recreated()).toEqual([last]);

    // While this participant edits a note, others add 60 notes just above it (its chunk is split
    // many times): the note being edited keeps its element, so nothing typed is lost.
    const edited = areaNotes()[100]!;
    act(() => useAppStore.getState().startEditing(edited));
    const editor = elementOf(edited);
    addNotesBefore(peer, doc, area, edited, 60);
    expect(areaNotes().indexOf(edited)).toBe(160);
    expect(elementOf(edited)).toBe(editor);
    // Splitting re-creates about one other note per add, not the list.
    expect(recreated().length).toBeLessThanOrEqual(1 + 60 * 2);
    act(() => useAppStore.getState().stopEditing());
  });

  it('a group whose title is being typed keeps its element while many notes are added before it', () => {
    const { doc, areaIds } = createTestBoard(NOTE_COUNT);
    const area = areaIds[0]!;
    const areaNotes = (): string[] => readAreaLayout(doc).get(area)!.map((item) => item.id);
    const [a, b] = areaNotes().slice(43, 45); // in the middle of a chunk, so adds before it grow its chunk
    const clusterId = groupNotes(doc, [a!, b!]);
    useAppStore.getState().setConnectionState({ hasFacilitatorKey: true });
    updateSettings(doc, { phase: 'cluster' });
    render(<BoardView doc={doc} />);
    const input = document.querySelector<HTMLInputElement>(`[data-cluster-id="${clusterId}"] input.cluster__title-input`)!;
    act(() => input.focus());
    fireEvent.change(input, { target: { value: 'Halvskrevet tittel' } });

    const peer = createPeer(doc);
    addNotesBefore(peer, doc, area, clusterId, 40);
    const now = document.querySelector<HTMLInputElement>(`[data-cluster-id="${clusterId}"] input.cluster__title-input`)!;
    expect(now).toBe(input);
    expect(now.value).toBe('Halvskrevet tittel');
    expect(document.activeElement).toBe(input);
    act(() => useAppStore.getState().setConnectionState({ hasFacilitatorKey: false }));
  });
});
