import { useCallback, useEffect, useRef, useState } from 'react';
import { useExportsTranslation } from '../i18n/namespaces';
import { log } from '../log';
import { describeApiError, type ErrorContext } from '../api/error-message';

export interface DownloadRunner {
  /**
   * Runs one download (`action` resolves with the saved file's name). `id` names the action,
   * so its button can say it is busy; only one runs at a time.
   */
  run(id: string, action: () => Promise<string>, describeError?: (error: unknown) => string): Promise<void>;
  /** The action in progress, or null. */
  busy: string | null;
  /** The last failure, translated (shown in role=alert). */
  error: string | null;
  /** "Downloaded <file>." after the last success (shown in role=status). */
  status: string | null;
}

/**
 * Busy state, translated error and a confirmation for a set of download buttons.
 * @param context what the downloads are, for the error messages
 * @param asFacilitator the requests carry the facilitator key
 */
export function useDownloadRunner(context: ErrorContext = 'download', asFacilitator = false): DownloadRunner {
  const { t } = useExportsTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const busyRef = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (id: string, action: () => Promise<string>, describeError?: (error: unknown) => string): Promise<void> => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(id);
      setError(null);
      setStatus(t('downloads.preparing'));
      try {
        const fileName = await action();
        if (mounted.current) setStatus(t('downloads.saved', { file: fileName }));
      } catch (caught) {
        log.warn('api', 'download failed', { action: id, error: String(caught) });
        if (mounted.current) {
          setStatus(null);
          setError(describeError ? describeError(caught) : describeApiError(caught, t, context, asFacilitator));
        }
      } finally {
        busyRef.current = false;
        if (mounted.current) setBusy(null);
      }
    },
    [t, context, asFacilitator],
  );

  return { run, busy, error, status };
}
