/**
 * An in-process stand-in for the server's websocket relay, for testing `board-connection.ts`
 * without a network: the y-websocket sync protocol against a real Y.Doc, plus the Verksted
 * messages (save acknowledgements, board status) and close codes.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_BOARD_STATUS, MESSAGE_REFUSED, MESSAGE_SAVED, MESSAGE_SYNC, type BoardStatus } from '@verksted/shared';

export class FakeRelay {
  readonly doc = new Y.Doc();
  readonly sockets: FakeSocket[] = [];
  /** When true, save requests are queued until `releaseAcks()`. */
  holdAcks = false;
  /** When false, new connections are refused (closed at once), as if the server were down. */
  accepting = true;
  private heldAcks: { socket: FakeSocket; seq: number }[] = [];
  readonly savedRequests: number[] = [];

  /** The class to pass as `WebSocketPolyfill`. */
  readonly WebSocket: typeof WebSocket;

  constructor() {
    const relay = this;
    class BoundSocket extends FakeSocket {
      constructor(url: string) {
        super(url, relay);
      }
    }
    this.WebSocket = BoundSocket as unknown as typeof WebSocket;
  }

  get current(): FakeSocket | undefined {
    return this.sockets.at(-1);
  }

  accept(socket: FakeSocket): void {
    if (!this.accepting) {
      socket.serverClose(1006);
      return;
    }
    socket.readyState = FakeSocket.OPEN;
    socket.onopen?.(new Event('open'));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.deliver(encoding.toUint8Array(encoder));
  }

  receive(socket: FakeSocket, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, socket);
      if (encoding.length(encoder) > 1) socket.deliver(encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_SAVED) {
      const seq = decoding.readVarUint(decoder);
      this.savedRequests.push(seq);
      if (this.holdAcks) this.heldAcks.push({ socket, seq });
      else this.ack(socket, seq);
    }
  }

  releaseAcks(): void {
    const held = this.heldAcks;
    this.heldAcks = [];
    for (const { socket, seq } of held) this.ack(socket, seq);
  }

  sendStatus(status: BoardStatus): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_BOARD_STATUS);
    encoding.writeVarString(encoder, JSON.stringify(status));
    this.current?.deliver(encoding.toUint8Array(encoder));
  }

  /** The server refused an update of the current connection (MESSAGE_REFUSED). */
  sendRefused(reason: string): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_REFUSED);
    encoding.writeVarString(encoder, reason);
    this.current?.deliver(encoding.toUint8Array(encoder));
  }

  private ack(socket: FakeSocket, seq: number): void {
    if (socket.readyState !== FakeSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SAVED);
    encoding.writeVarUint(encoder, seq);
    socket.deliver(encoding.toUint8Array(encoder));
  }
}

export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = FakeSocket.CONNECTING;
  binaryType = 'arraybuffer';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(
    readonly url: string,
    private readonly relay: FakeRelay,
  ) {
    relay.sockets.push(this);
    setTimeout(() => relay.accept(this), 0);
  }

  send(data: Uint8Array | ArrayBuffer): void {
    if (this.readyState !== FakeSocket.OPEN) return;
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    // Asynchronous like a real network, so ordering bugs show up.
    setTimeout(() => this.relay.receive(this, bytes.slice()), 0);
  }

  deliver(bytes: Uint8Array): void {
    if (this.readyState !== FakeSocket.OPEN) return;
    const copy = bytes.slice().buffer;
    setTimeout(() => this.onmessage?.({ data: copy }), 0);
  }

  /** The client closes. */
  close(): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code: 1000, reason: '' }), 0);
  }

  /** The server closes with `code`. */
  serverClose(code: number): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason: '' }), 0);
  }
}
