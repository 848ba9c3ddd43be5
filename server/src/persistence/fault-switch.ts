/**
 * Tests only: a StoreFaults implementation with rules, for FileBoardStore and MemoryBoardStore.
 * @example
 * const faults = new FaultSwitch();
 * const store = new FileBoardStore({ dataDir, faults });
 * faults.fail({ op: 'write', file: 'log.bin' });          // every log write fails with ENOSPC
 * faults.shortWrite({ file: 'log.bin' }, 5);              // next log write lands 5 bytes, then ENOSPC
 * const held = faults.hold({ op: 'sync', file: 'log.bin' }); await held.reached; ...; held.release();
 * faults.clear();
 */
import type { FaultPoint, StoreFaults } from './board-store.js';

type Match = Partial<Omit<FaultPoint, 'bytes'>>;
interface Rule {
  match: Match;
  /** How many more times the rule applies (Infinity = until cleared). */
  remaining: number;
  apply(point: FaultPoint): number | void | Promise<void>;
}

/** An ENOSPC error like the one Node raises when the disk is full. */
export function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device (injected)'), { code: 'ENOSPC', errno: -28 });
}

/** Programmable fault hook. Every point the store passes is recorded in `seen`. */
export class FaultSwitch implements StoreFaults {
  readonly seen: FaultPoint[] = [];
  #rules: Rule[] = [];

  /** Makes matching operations throw `error` (default ENOSPC), `times` times (default: until cleared). */
  fail(match: Match, options: { times?: number; error?: () => Error } = {}): this {
    const makeError = options.error ?? enospc;
    this.#rules.push({ match, remaining: options.times ?? Infinity, apply: () => { throw makeError(); } });
    return this;
  }

  /** The next `times` matching writes land only their first `bytes` bytes, then fail with ENOSPC. */
  shortWrite(match: Match, bytes: number, times = 1): this {
    this.#rules.push({ match: { ...match, op: 'write' }, remaining: times, apply: () => bytes });
    return this;
  }

  /** Pauses the next matching operation until release(); `reached` resolves when it is paused. */
  hold(match: Match): { reached: Promise<void>; release(): void } {
    let release!: () => void;
    let reach!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#rules.push({ match, remaining: 1, apply: () => { reach(); return released; } });
    return { reached, release };
  }

  /** Removes every rule (already paused operations stay paused until released). */
  clear(): void {
    this.#rules = [];
  }

  before(point: FaultPoint): number | void | Promise<void> {
    this.seen.push(point);
    const rule = this.#rules.find((r) => r.remaining > 0 && matches(r.match, point));
    if (!rule) return;
    rule.remaining--;
    return rule.apply(point);
  }
}

function matches(match: Match, point: FaultPoint): boolean {
  return (Object.keys(match) as (keyof Match)[]).every((key) => match[key] === point[key]);
}
