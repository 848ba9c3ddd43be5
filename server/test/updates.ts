/** Building Yjs updates for policy tests: capture what a change produced, or forge one by hand. */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** Runs `change` on `doc` and returns the update it produced (all its transactions merged). */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const handler = (update: Uint8Array): void => {
    updates.push(update);
  };
  doc.on('update', handler);
  try {
    change();
  } finally {
    doc.off('update', handler);
  }
  return Y.mergeUpdates(updates);
}

/**
 * A hand-made update no Yjs client would send: two items of two clients, each the other's origin,
 * so neither has a parent anyone can resolve.
 */
export function forgedCycleUpdate(): Uint8Array {
  const a = new Y.Item(Y.createID(1, 0), null, Y.createID(2, 0), null, null, null, null, new Y.ContentAny(['a']));
  const b = new Y.Item(Y.createID(2, 0), null, Y.createID(1, 0), null, null, null, null, new Y.ContentAny(['b']));
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 2);
  for (const item of [a, b]) {
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeClient(item.id.client);
    encoding.writeVarUint(encoder.restEncoder, item.id.clock);
    item.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
  return encoder.toUint8Array();
}
