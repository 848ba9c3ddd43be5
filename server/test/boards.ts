/** Filling and steering boards in HTTP tests, straight through the server's room (no socket needed). */
import type * as Y from 'yjs';
import type { TestServer } from './server.js';
import type { SettingsChange } from '../src/relay/Room.js';

/** `Authorization` header with a facilitator key. */
export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}

/**
 * Runs `edit` on the live document of a board, as a write of the server's own (logged and relayed
 * like any write; never checked against the participants' write policy).
 * @example
 *   await editBoard(server, board.id, (doc) => addNote(doc, { areaId, text: 'x', kind: 'idea', authorId: 'p', authorName: 'P' }));
 */
export async function editBoard<T>(server: TestServer, boardId: string, edit: (doc: Y.Doc) => T): Promise<T> {
  const room = await server.app.verksted.registry.acquire(boardId);
  try {
    return edit(room.doc);
  } finally {
    room.release();
  }
}

/** Applies a facilitator's settings change, as `PATCH /api/boards/:id` does. */
export async function changeSettings(server: TestServer, boardId: string, change: SettingsChange): Promise<void> {
  const room = await server.app.verksted.registry.acquire(boardId);
  try {
    room.changeSettings(change);
  } finally {
    room.release();
  }
}
