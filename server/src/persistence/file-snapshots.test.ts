import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeEditor, makeRecord, replay } from './board-store.contract.js';
import { makeSnapshotMeta } from './snapshot-store.contract.js';
import { BoardStoreErrorCode } from './board-store.js';
import { FaultSwitch } from './fault-switch.js';
import { FileBoardStore } from './file-board-store.js';

describe('FileBoardStore snapshots on disk', () => {
  let dataDir: string;
  let faults: FaultSwitch;
  let store: FileBoardStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verksted-snapshots-'));
    faults = new FaultSwitch();
    store = new FileBoardStore({ dataDir, faults });
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function boardWithSnapshot() {
    const record = makeRecord();
    const editor = makeEditor();
    editor.edit('a', '1');
    await store.create(record, Y.encodeStateAsUpdate(editor.doc));
    const meta = makeSnapshotMeta();
    await store.saveSnapshot(record.id, meta, Y.encodeStateAsUpdate(editor.doc));
    return { record, meta, dir: join(dataDir, 'boards', record.id, 'snapshots') };
  }

  it('writes the state with a checksummed header and the metadata as JSON, and nothing else', async () => {
    const { meta, dir } = await boardWithSnapshot();
    expect((await readdir(dir)).sort()).toEqual([`${meta.id}.bin`, `${meta.id}.json`]);
    expect((await readFile(join(dir, `${meta.id}.bin`))).subarray(0, 4).toString('latin1')).toBe('VKS1');
    expect(JSON.parse(await readFile(join(dir, `${meta.id}.json`), 'utf8'))).toEqual(meta);
  });

  it('never lists a save cut short: a state without metadata, or tmp files', async () => {
    const { record, meta, dir } = await boardWithSnapshot();
    const cut = makeSnapshotMeta();
    faults.fail({ op: 'rename', file: `${cut.id}.json` });
    await expect(store.saveSnapshot(record.id, cut, new Uint8Array([0, 0]))).rejects.toMatchObject({ code: 'ENOSPC' });
    // What a crash at that point could leave: the state, and a half-written metadata tmp file.
    await writeFile(join(dir, `${cut.id}.bin`), await readFile(join(dir, `${meta.id}.bin`)));
    await writeFile(join(dir, `${cut.id}.json.tmp`), '{"id":');
    const restarted = new FileBoardStore({ dataDir });
    expect(await restarted.listSnapshots(record.id)).toEqual([meta]);
    expect(await restarted.readSnapshot(record.id, cut.id)).toBeNull();
  });

  it('reports a damaged snapshot as corrupt and leaves its files alone; listing skips bad metadata', async () => {
    const { record, meta, dir } = await boardWithSnapshot();
    const bin = join(dir, `${meta.id}.bin`);
    const bytes = await readFile(bin);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(bin, bytes);
    await expect(store.readSnapshot(record.id, meta.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.corrupt });
    expect(await readFile(bin)).toEqual(bytes);

    const other = makeSnapshotMeta({ createdAt: 5 });
    await store.saveSnapshot(record.id, other, new Uint8Array([0, 0]));
    await writeFile(join(dir, `${other.id}.json`), JSON.stringify({ ...other, reason: 'whim' }));
    expect(await store.listSnapshots(record.id)).toEqual([meta]);
    await expect(store.readSnapshot(record.id, other.id)).rejects.toMatchObject({ code: BoardStoreErrorCode.corrupt });
  });

  it('does not re-create the directory of a deleted board when saving a snapshot for it', async () => {
    const { record } = await boardWithSnapshot();
    await store.delete(record.id);
    await expect(store.saveSnapshot(record.id, makeSnapshotMeta(), new Uint8Array([0, 0]))).rejects.toMatchObject({ code: BoardStoreErrorCode.notFound });
    expect((await readdir(join(dataDir, 'boards'))).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('keeps the snapshot readable whatever the live board does afterwards', async () => {
    const { record, meta } = await boardWithSnapshot();
    const { log } = await store.open(record.id);
    const later = makeEditor();
    await log.append([later.edit('b', '2')]);
    await log.compact(Y.encodeStateAsUpdate(later.doc));
    await log.close();
    expect(replay([(await store.readSnapshot(record.id, meta.id))!.state])).toEqual({ a: '1' });
  });
});
