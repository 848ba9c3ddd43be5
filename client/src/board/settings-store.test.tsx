import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_PHASE, readSettings, updateSettings, type BoardSettings } from '@verksted/shared';
import { createPeer, syncPeer } from '../test/board-fixture';
import { getSettingsStore, shareSettings, useSettings, useSettingsValue } from './settings-store';

function Phase({ doc, onRender }: { doc: Y.Doc; onRender: () => void }) {
  onRender();
  const phase = useSettingsValue(doc, (s) => s.phase);
  return <p data-testid="phase">{phase}</p>;
}

function Whole({ doc }: { doc: Y.Doc }) {
  const settings = useSettings(doc);
  return (
    <p data-testid="whole">
      {settings.locked ? 'locked' : 'open'} {settings.voteBudget}
    </p>
  );
}

describe('settings store', () => {
  it('follows the doc when the server changes the settings', () => {
    const doc = new Y.Doc();
    let renders = 0;
    render(
      <>
        <Phase doc={doc} onRender={() => (renders += 1)} />
        <Whole doc={doc} />
      </>,
    );
    expect(screen.getByTestId('phase').textContent).toBe(DEFAULT_PHASE);
    expect(screen.getByTestId('whole').textContent).toBe('open 5');

    const server = createPeer(doc);
    act(() => {
      updateSettings(server, { phase: 'vote', locked: true, voteBudget: 3 });
      syncPeer(server, doc);
    });
    expect(screen.getByTestId('phase').textContent).toBe('vote');
    expect(screen.getByTestId('whole').textContent).toBe('locked 3');

    // A change the phase selector does not pick does not re-render it.
    const before = renders;
    act(() => {
      updateSettings(server, { brainstormCounts: { a: 4 } });
      syncPeer(server, doc);
    });
    expect(renders).toBe(before);
  });

  it('keeps unchanged parts (and the whole snapshot) the same object', () => {
    const doc = new Y.Doc();
    const first: BoardSettings = readSettings(doc);
    expect(shareSettings(first, readSettings(doc))).toBe(first);
    updateSettings(doc, { brainstormCounts: { a: 1 } });
    const second = shareSettings(first, readSettings(doc));
    expect(second).not.toBe(first);
    expect(second.timer).toBe(first.timer);
    expect(second.stakeholderGroups).toBe(first.stakeholderGroups);
    expect(getSettingsStore(doc).getSnapshot().brainstormCounts).toEqual({ a: 1 });
  });
});
