import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetAppStore, useAppStore } from './app-store';
import { useIsEditingNote, useParticipantId } from './app-store-select';

const renders = new Map<string, number>();

function Note({ noteId }: { noteId: string }) {
  renders.set(noteId, (renders.get(noteId) ?? 0) + 1);
  const editing = useIsEditingNote(noteId);
  const me = useParticipantId();
  return (
    <p data-testid={noteId}>
      {editing ? 'editing' : 'shown'} {me}
    </p>
  );
}

function Board({ ids }: { ids: string[] }) {
  return (
    <>
      {ids.map((id) => (
        <Note key={id} noteId={id} />
      ))}
    </>
  );
}

describe('per-value app-store selections', () => {
  afterEach(() => {
    resetAppStore();
    renders.clear();
  });

  it('tells only the notes a change names, and nobody about unrelated store changes', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `n${i}`);
    render(<Board ids={ids} />);
    renders.clear();

    act(() => useAppStore.getState().startEditing('n3'));
    expect(screen.getByTestId('n3').textContent).toContain('editing');
    expect([...renders.keys()]).toEqual(['n3']);

    renders.clear();
    act(() => useAppStore.getState().startEditing('n7'));
    // The note that stopped being edited and the one that started; no other.
    expect([...renders.keys()].sort()).toEqual(['n3', 'n7']);
    expect(screen.getByTestId('n3').textContent).toContain('shown');

    renders.clear();
    act(() => useAppStore.setState({ saveStatus: 'saving' }));
    act(() => useAppStore.setState({ saveStatus: 'saved' }));
    expect(renders.size).toBe(0);
  });

  it('subscribes to the store once per value, not once per note', () => {
    const subscribe = vi.spyOn(useAppStore, 'subscribe');
    render(<Board ids={Array.from({ length: 200 }, (_, i) => `n${i}`)} />);
    // Two values read (editing, participant): two store subscriptions for 200 notes, so a store
    // change runs two selectors instead of 400.
    expect(subscribe).toHaveBeenCalledTimes(2);
    subscribe.mockRestore();
  });

  it('tells every note when a board-wide value changes', () => {
    render(<Board ids={['a', 'b']} />);
    renders.clear();
    act(() => useAppStore.setState({ participantId: 'p-123' }));
    expect([...renders.keys()].sort()).toEqual(['a', 'b']);
    expect(screen.getByTestId('a').textContent).toContain('p-123');
  });
});
