/**
 * Creating boards and finding them by join code.
 *
 * The join code index lives in memory: built from the store's records at startup and updated on
 * every create, so a lookup never touches the disk.
 */
import * as Y from 'yjs';
import { initBoard, newBoardId, newJoinCode, readMeta, type Language, type TemplateId } from '@verksted/shared';
import type { BoardStore } from '../persistence/board-store.js';
import type { Logger } from '../logger.js';
import { hashFacilitatorKey, newFacilitatorKey } from './facilitator-key.js';

/** How often to draw a new join code when the drawn one is taken (31^6 codes: a clash is rare). */
const JOIN_CODE_ATTEMPTS = 50;

export interface CreateBoardInput {
  /** May be empty: the template's title is used then. */
  title: string;
  template: TemplateId;
  language?: Language;
}

/** What the creator gets back, once. The facilitator key is never stored or shown again. */
export interface CreatedBoard {
  id: string;
  joinCode: string;
  facilitatorKey: string;
  title: string;
  template: TemplateId;
}

/** Board creation and the join code → board id index. */
export class BoardDirectory {
  private readonly byJoinCode = new Map<string, string>();

  constructor(
    private readonly store: BoardStore,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Loads the join code index from the store's records. */
  async init(): Promise<void> {
    const records = await this.store.listRecords();
    for (const record of records) this.byJoinCode.set(record.joinCode, record.id);
    this.logger.info({ boards: records.length }, 'board directory ready');
  }

  /** The board id for a normalised join code, or null. */
  findByJoinCode(joinCode: string): string | null {
    return this.byJoinCode.get(joinCode) ?? null;
  }

  /**
   * Creates a board with its template's areas already in the document.
   * @example
   *   const { id, joinCode, facilitatorKey } = await directory.create({ title: '', template: 'retrospective' });
   */
  async create(input: CreateBoardInput): Promise<CreatedBoard> {
    const id = newBoardId();
    const joinCode = this.reserveJoinCode(id);
    const facilitatorKey = newFacilitatorKey();
    const createdAt = this.now();
    const doc = new Y.Doc();
    try {
      initBoard(doc, { title: input.title, template: input.template, language: input.language, createdAt });
      const title = readMeta(doc).title;
      await this.store.create(
        { id, joinCode, facilitatorKeyHash: hashFacilitatorKey(facilitatorKey), createdAt, lastOpenedAt: createdAt },
        Y.encodeStateAsUpdate(doc),
      );
      this.logger.info({ boardId: id, template: input.template }, 'board created');
      return { id, joinCode, facilitatorKey, title, template: input.template };
    } catch (err) {
      this.byJoinCode.delete(joinCode);
      throw err;
    } finally {
      doc.destroy();
    }
  }

  /**
   * Creates a board whose document holds the content of `doc` (an imported file, a copy of a
   * snapshot): a new id, join code and facilitator key; `doc` itself is left as it is.
   * @example
   *   const created = await directory.createFrom(importedDoc, 'import');
   */
  async createFrom(doc: Y.Doc, source: 'import' | 'copy'): Promise<CreatedBoard> {
    const id = newBoardId();
    const joinCode = this.reserveJoinCode(id);
    const facilitatorKey = newFacilitatorKey();
    const createdAt = this.now();
    try {
      const { title, template } = readMeta(doc);
      await this.store.create(
        { id, joinCode, facilitatorKeyHash: hashFacilitatorKey(facilitatorKey), createdAt, lastOpenedAt: createdAt },
        Y.encodeStateAsUpdate(doc),
      );
      this.logger.info({ boardId: id, template, source }, 'board created');
      return { id, joinCode, facilitatorKey, title, template };
    } catch (err) {
      this.byJoinCode.delete(joinCode);
      throw err;
    }
  }

  /** Forgets a deleted board's join code, so that it stops working at once (and may be drawn again). */
  forget(board: { id: string; joinCode: string }): void {
    if (this.byJoinCode.get(board.joinCode) === board.id) this.byJoinCode.delete(board.joinCode);
  }

  /** Draws an unused join code and claims it at once, so two concurrent creates cannot share one. */
  private reserveJoinCode(id: string): string {
    for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
      const code = newJoinCode();
      if (!this.byJoinCode.has(code)) {
        this.byJoinCode.set(code, id);
        return code;
      }
    }
    throw new Error('no free join code found');
  }
}
