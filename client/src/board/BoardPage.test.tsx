import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { TEST_IDS, initBoard, updateSettings } from '@verksted/shared';
import type { BoardConnection, BoardConnectionOptions } from '../sync/board-connection';
import { useAppStore } from '../store/app-store';
import { initTestI18n } from '../test/i18n';

const opened: { options: BoardConnectionOptions; destroy: ReturnType<typeof vi.fn>; doc: Y.Doc }[] = [];

vi.mock('../sync/board-connection', () => ({
  openBoardConnection: (boardId: string, options: BoardConnectionOptions): BoardConnection => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Reloaded', template: 'retrospective', language: 'en' });
    const destroy = vi.fn(async () => undefined);
    opened.push({ options, destroy, doc });
    options.report({ contentReady: true, connection: 'connected' });
    return { boardId, doc, awareness: new Awareness(doc), setPresence: () => undefined, destroy };
  },
}));

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';

beforeEach(() => {
  opened.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ id: BOARD_ID, title: 'Reloaded', joinCode: 'ABC234' }), { status: 200 })),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('board page', () => {
  it('connects with the participant secret, and after a refused change reopens the board from the server', async () => {
    useAppStore.getState().setIdentity({ name: 'Kari', group: null });
    const { BoardPage } = await import('./BoardPage');
    render(<BoardPage boardId={BOARD_ID} />);
    await waitFor(() => expect(opened).toHaveLength(1));
    expect(opened[0]!.options.participantSecret).toBe(useAppStore.getState().participantSecret);
    expect(opened[0]!.options.facilitatorKey).toBeNull();
    await screen.findByTestId(TEST_IDS.phase);

    await act(async () => {
      opened[0]!.options.onRefused?.('the board is locked');
    });
    await waitFor(() => expect(opened).toHaveLength(2));
    expect(opened[0]!.destroy).toHaveBeenCalledWith({ clearLocalCopy: true });
    expect(opened[1]!.destroy).not.toHaveBeenCalled();
    const notice = await screen.findByTestId(TEST_IDS.refusedNotice);
    expect(notice.textContent).toContain('That change could not be saved: the board is locked. The board was reloaded.');
    await waitFor(() =>
      expect(useAppStore.getState().announcement?.text).toBe('That change could not be saved: the board is locked. The board was reloaded.'),
    );
  });

  it('says a refused change in the UI’s language, and leaves out a reason it does not know', async () => {
    useAppStore.getState().setIdentity({ name: 'Kari', group: null });
    initTestI18n('nb');
    const { BoardPage } = await import('./BoardPage');
    render(<BoardPage boardId={BOARD_ID} />);
    await screen.findByTestId(TEST_IDS.phase);
    await act(async () => {
      opened[0]!.options.onRefused?.('voting is not open');
    });
    expect((await screen.findByTestId(TEST_IDS.refusedNotice)).textContent).toContain(
      'Endringen kunne ikke lagres: det er ikke åpent for å stemme nå. Tavlen ble lastet inn på nytt.',
    );
    await act(async () => {
      opened[1]!.options.onRefused?.('something new the client does not know');
    });
    await waitFor(() =>
      expect(screen.getByTestId(TEST_IDS.refusedNotice).textContent).toContain('Endringen kunne ikke lagres. Tavlen ble lastet inn på nytt.'),
    );
  });

  it('offers participants the downloads only while the facilitator allows them', async () => {
    useAppStore.getState().setIdentity({ name: 'Kari', group: null });
    const { BoardPage } = await import('./BoardPage');
    render(<BoardPage boardId={BOARD_ID} />);
    const button = await screen.findByRole('button', { name: 'Download' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(await screen.findByTestId(TEST_IDS.downloadsPanel)).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('true');

    act(() => updateSettings(opened[0]!.doc, { participantDownloads: false }));
    expect(screen.queryByRole('button', { name: 'Download' })).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.downloadsPanel)).toBeNull();
  });

  it('says the workshop was deleted when the server closes with 4410, and forgets its copy', async () => {
    useAppStore.getState().setIdentity({ name: 'Kari', group: null });
    const { BoardPage } = await import('./BoardPage');
    render(<BoardPage boardId={BOARD_ID} />);
    await screen.findByTestId(TEST_IDS.phase);
    act(() => opened[0]!.options.report({ connection: 'deleted' }));
    expect((await screen.findByTestId(TEST_IDS.boardDeleted)).textContent).toContain('This workshop was deleted');
    await waitFor(() => expect(opened[0]!.destroy).toHaveBeenCalledWith({ clearLocalCopy: true }));
  });
});
