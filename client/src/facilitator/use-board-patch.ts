import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateBoard, type BoardPatch } from '../api/boards-api';
import { describeApiError } from '../api/error-message';
import { log } from '../log';
import { useAppStore } from '../store/app-store';

export interface BoardPatcher {
  /** Sends the patch; resolves true when the server accepted it. */
  run(patch: BoardPatch, announcement?: string): Promise<boolean>;
  /** The last failure, translated; cleared by the next success. */
  error: string | null;
  clearError(): void;
  /** Shows a message of the panel's own checks in the same alert. */
  reportError(message: string): void;
  pending: boolean;
}

/** `PATCH /api/boards/:id` as the facilitator, with a translated error for the panel's alert. */
export function useBoardPatch(boardId: string, facilitatorKey: string): BoardPatcher {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (patch: BoardPatch, announcement?: string): Promise<boolean> => {
      setPendingCount((n) => n + 1);
      try {
        await updateBoard(boardId, facilitatorKey, patch);
        if (mounted.current) setError(null);
        if (announcement) useAppStore.getState().announce(announcement);
        return true;
      } catch (caught) {
        log.warn('api', 'settings change refused', { boardId, fields: Object.keys(patch), error: String(caught) });
        if (mounted.current) setError(describeApiError(caught, t, 'settings', true));
        return false;
      } finally {
        if (mounted.current) setPendingCount((n) => n - 1);
      }
    },
    [boardId, facilitatorKey, t],
  );

  return { run, error, clearError: () => setError(null), reportError: setError, pending: pendingCount > 0 };
}
