import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, readNote, updateNote, TEST_IDS } from '@verksted/shared';
import { RenderCounter, createPeer, createTestBoard, syncPeer } from '../test/board-fixture';
import { setRenderProbe } from '../ui/render-probe';
import { BoardView } from './BoardView';

const NOTE_COUNT = 1000;

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
    expect(counter.total('SortableNote')).toBe(0);
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
    // The sortable wrappers of the receiving column re-render (their indexes shift), the
    // other columns' do not.
    const inOtherAreas = noteIds.filter((_, i) => i % areaIds.length !== 2);
    expect(inOtherAreas.every((id) => counter.count('SortableNote', id) === 0)).toBe(true);
  });
});
