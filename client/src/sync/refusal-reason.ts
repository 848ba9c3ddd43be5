import { REFUSAL, type RefusalKind } from '@verksted/shared';

/**
 * Why the server refused a change (MESSAGE_REFUSED carries a short English reason, `REFUSAL` in
 * shared). People read a translated reason instead: the server's reasons are matched here and
 * translated through the `refusals` namespace, loaded only when a change is refused. An unknown
 * reason is not shown (the banner then says only that the change could not be saved).
 */
const BY_TEXT: ReadonlyMap<string, RefusalKind> = new Map(
  (Object.entries(REFUSAL) as [RefusalKind, string][]).map(([key, text]) => [text, key]),
);

/** The known reason a refusal message stands for, or null. */
export function refusalReason(message: string): RefusalKind | null {
  return BY_TEXT.get(message.trim()) ?? null;
}
