import { useEffect, useState } from 'react';

/** How long a sent value is shown at most while the board has not confirmed it (ms). */
const PENDING_MAX_MS = 5000;

/**
 * A control's value while its change travels: the server writes settings into the board, so a
 * checkbox would otherwise spring back until the sync arrives. Shows the sent value until the
 * board has it, the request fails, or a few seconds pass.
 * @returns [shown value, start(next, request)]
 */
export function usePendingValue<T>(confirmed: T): [T, (next: T, request: Promise<boolean>) => void] {
  const [pending, setPending] = useState<{ value: T } | null>(null);

  useEffect(() => {
    if (pending && Object.is(pending.value, confirmed)) setPending(null);
  }, [confirmed, pending]);

  useEffect(() => {
    if (!pending) return;
    const id = setTimeout(() => setPending(null), PENDING_MAX_MS);
    return () => clearTimeout(id);
  }, [pending]);

  function start(next: T, request: Promise<boolean>): void {
    const entry = { value: next };
    setPending(entry);
    void request.then((ok) => {
      if (!ok) setPending((current) => (current === entry ? null : current));
    });
  }

  return [pending ? pending.value : confirmed, start];
}
