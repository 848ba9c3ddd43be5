/**
 * Keeps participants' writes from other participants during a secret phase (the silent
 * brainstorm; the vote until it is revealed), so a curious participant with developer tools
 * receives nothing of the others' notes or dots.
 *
 * While a secret phase lasts the room has two documents: its full document (what the
 * facilitator sees and what is stored) and `publicDoc`, what participants may see. Facilitator
 * and server writes go into both; each participant's writes only into the full document, and
 * are remembered per participant so they can be served back to their author when they reconnect.
 * When the phase ends, `end` returns the difference between the two as one update for everyone.
 *
 * A facilitator write that builds on withheld content (say, moving a participant's private note)
 * cannot be integrated into `publicDoc`; it is withheld from participants too, until the release.
 */
import * as Y from 'yjs';
import { FACILITATORS_ONLY, decodeRecord, encodeSecretState, type RoomRecord } from './room-records.js';

export class SecretKeeper {
  private publicDocValue: Y.Doc | null = null;
  private readonly withheld = new Map<string, Uint8Array[]>();

  /** True while a secret phase lasts. */
  get active(): boolean {
    return this.publicDocValue !== null;
  }

  /** What participants may see, while a secret phase lasts. */
  get publicDoc(): Y.Doc | null {
    return this.publicDocValue;
  }

  /** Starts a secret phase: everything in `doc` so far is public. */
  begin(doc: Y.Doc): void {
    if (this.publicDocValue) return;
    const publicDoc = new Y.Doc();
    Y.applyUpdate(publicDoc, Y.encodeStateAsUpdate(doc));
    this.publicDocValue = publicDoc;
  }

  /**
   * A facilitator's or the server's write, already applied to the full document. Returns who may
   * receive it: everyone, or only the facilitators when it depends on withheld content.
   */
  admitPublic(update: Uint8Array): 'all' | typeof FACILITATORS_ONLY {
    const publicDoc = this.publicDocValue;
    if (!publicDoc) return 'all';
    Y.applyUpdate(publicDoc, update);
    const store = publicDoc.store;
    if (store.pendingStructs || store.pendingDs) {
      // The missing part reaches participants with the release; it must not linger half-applied.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.remember(FACILITATORS_ONLY, update);
      return FACILITATORS_ONLY;
    }
    return 'all';
  }

  /** Remembers a withheld write (a participant's, or one for the facilitators only). */
  remember(audience: string, update: Uint8Array): void {
    const list = this.withheld.get(audience);
    if (list) list.push(update);
    else this.withheld.set(audience, [update]);
  }

  /** One participant's withheld writes merged, for serving them back to their author; null if none. */
  withheldFor(audience: string): Uint8Array | null {
    const list = this.withheld.get(audience);
    if (!list || list.length === 0) return null;
    if (list.length > 1) this.withheld.set(audience, [Y.mergeUpdates(list)]);
    return this.withheld.get(audience)![0]!;
  }

  /**
   * Ends the secret phase. Returns everything participants have not seen as one update (null if
   * nothing was withheld) and forgets the public copy.
   */
  end(doc: Y.Doc): Uint8Array | null {
    const publicDoc = this.publicDocValue;
    if (!publicDoc) return null;
    const hadWithheld = this.withheld.size > 0;
    const diff = hadWithheld ? Y.encodeStateAsUpdate(doc, Y.encodeStateVector(publicDoc)) : null;
    publicDoc.destroy();
    this.publicDocValue = null;
    this.withheld.clear();
    return diff;
  }

  /** The snapshot to store: the plain state, or during a secret phase the public state plus what is withheld. */
  encodeState(doc: Y.Doc): Uint8Array {
    const publicDoc = this.publicDocValue;
    if (!publicDoc) return Y.encodeStateAsUpdate(doc);
    const entries = [...this.withheld.keys()].map((audience) => ({ audience, update: this.withheldFor(audience)! }));
    return encodeSecretState(Y.encodeStateAsUpdate(publicDoc), entries);
  }

  /** Re-creates a secret phase from stored records (see replayRecords). */
  restore(publicDoc: Y.Doc, withheld: readonly { audience: string; update: Uint8Array }[]): void {
    this.publicDocValue?.destroy();
    this.publicDocValue = publicDoc;
    for (const entry of withheld) this.remember(entry.audience, entry.update);
  }

  destroy(): void {
    this.publicDocValue?.destroy();
    this.publicDocValue = null;
    this.withheld.clear();
  }
}

/**
 * Replays stored records into `doc` and returns the secret-phase state they leave behind: a
 * keeper that is active when some withheld record was never released.
 */
export function replayRecords(doc: Y.Doc, records: readonly Uint8Array[], origin: unknown): SecretKeeper {
  const all = records.map(decodeRecord);
  doc.transact(() => {
    for (const record of all) {
      if (record.kind === 'public' || record.kind === 'withheld') Y.applyUpdate(doc, record.update);
      else if (record.kind === 'secret-state') {
        Y.applyUpdate(doc, record.publicState);
        for (const entry of record.withheld) Y.applyUpdate(doc, entry.update);
      }
    }
  }, origin);
  const decoded = withoutRecordsCoveredBySnapshot(all);
  let lastRelease = -1;
  decoded.forEach((record, i) => {
    if (record.kind === 'release') lastRelease = i;
  });
  const unreleased = decoded.some(
    (record, i) => i > lastRelease && (record.kind === 'withheld' || (record.kind === 'secret-state' && record.withheld.length > 0)),
  );
  const keeper = new SecretKeeper();
  if (!unreleased) return keeper;
  const publicDoc = new Y.Doc();
  const pending: { audience: string; update: Uint8Array }[] = [];
  decoded.forEach((record, i) => {
    const released = i < lastRelease;
    if (record.kind === 'public') Y.applyUpdate(publicDoc, record.update);
    else if (record.kind === 'withheld') {
      if (released) Y.applyUpdate(publicDoc, record.update);
      else pending.push(record);
    } else if (record.kind === 'secret-state') {
      Y.applyUpdate(publicDoc, record.publicState);
      for (const entry of record.withheld) {
        if (released) Y.applyUpdate(publicDoc, entry.update);
        else pending.push(entry);
      }
    }
  });
  // Public records never build on unreleased withheld ones (those are tagged for the facilitators
  // only); should a damaged log say otherwise, leave nothing half-applied in the public view.
  publicDoc.store.pendingStructs = null;
  publicDoc.store.pendingDs = null;
  keeper.restore(publicDoc, pending);
  return keeper;
}

/**
 * A crash between a compaction's snapshot rename and its log truncation leaves the old log
 * behind the new snapshot: records the snapshot already contains, releases included. Replaying
 * such a release would reveal what the snapshot still keeps secret, so for the secret-phase
 * bookkeeping the records the snapshot covers (every struct within its state) are dropped. Their
 * content is in the snapshot anyway. A fresh log never starts with a release or a covered record.
 */
function withoutRecordsCoveredBySnapshot(records: readonly RoomRecord[]): RoomRecord[] {
  const first = records[0];
  if (!first || first.kind !== 'secret-state') return [...records];
  const snapshotDoc = new Y.Doc();
  Y.applyUpdate(snapshotDoc, first.publicState);
  for (const entry of first.withheld) Y.applyUpdate(snapshotDoc, entry.update);
  const covered = Y.decodeStateVector(Y.encodeStateVector(snapshotDoc));
  snapshotDoc.destroy();
  let end = 1;
  for (; end < records.length; end++) {
    const record = records[end]!;
    if (record.kind === 'release') continue;
    if (record.kind === 'secret-state') break;
    const reach = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(record.update));
    const isCovered = [...reach].every(([client, clock]) => clock <= (covered.get(client) ?? 0));
    if (!isCovered) break;
  }
  return [first, ...records.slice(end)];
}
