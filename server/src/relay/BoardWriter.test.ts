import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardLog } from '../persistence/board-store.js';
import type { Logger } from '../logger.js';
import { BoardWriter } from './BoardWriter.js';

/** An in-memory log whose appends take a macrotask, like an fsync, so updates pile up meanwhile. */
class SlowLog implements BoardLog {
  logBytes = 0;
  compactions = 0;
  compactedWhileQueued = false;
  async append(updates: readonly Uint8Array[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    for (const u of updates) this.logBytes += u.length + 8;
  }
  async compact(): Promise<void> {
    this.compactions++;
    this.logBytes = 0;
  }
  async close(): Promise<void> {}
}

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } } as unknown as Logger;

describe('BoardWriter', () => {
  it('compacts under steady writing instead of letting the log grow without bound', async () => {
    const log = new SlowLog();
    const doc = new Y.Doc();
    let compactedWithQueue = 0;
    const writer: BoardWriter<null> = new BoardWriter<null>({
      boardId: 'b',
      log,
      logger: quiet,
      compactAfterBytes: 2_000,
      encodeState: () => {
        if (writer.appliedSeq > writer.durableSeq) compactedWithQueue++;
        return Y.encodeStateAsUpdate(doc);
      },
      // Steady writing: every time a group reaches the disk, the next update is already waiting.
      onDurable: () => {
        if (written < 300) write();
      },
      onWritableChange: () => {},
    });
    let written = 0;
    let maxLogBytes = 0;
    const write = (): void => {
      doc.getMap('m').set(`k${written++}`, 'x'.repeat(40));
      maxLogBytes = Math.max(maxLogBytes, log.logBytes);
    };
    doc.on('update', (update: Uint8Array) => writer.enqueue(update, null));
    write();
    write();
    await writer.whenIdle();
    expect(written).toBe(300);
    expect(compactedWithQueue).toBeGreaterThan(0);
    expect(maxLogBytes).toBeLessThan(3 * 2_000);
  });
});
