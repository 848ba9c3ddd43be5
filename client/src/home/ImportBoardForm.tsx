import { useId, useRef, useState } from 'react';
import { importBoard } from '../api/exports-api';
import { describeApiError, serverDetails } from '../api/error-message';
import { ServerDetails } from '../ui/ServerDetails';
import { useExportsTranslation } from '../i18n/namespaces';
import { log } from '../log';
import { boardPath, navigate } from '../router';
import { STORAGE_KEYS, writeStored } from '../storage';
import { useAppStore } from '../store/app-store';

/**
 * "Import a board (JSON)": choosing a file sends it to `POST /api/boards/import`; the new board
 * opens with this device as its facilitator. A file that is not JSON is caught here; what else
 * the server finds wrong is said in the UI's language, with the server's technical detail (in
 * English, marked as such) under it.
 */
export function ImportBoardForm() {
  const { t } = useExportsTranslation();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; details: string | null } | null>(null);

  function fail(message: string, details: string | null = null): void {
    setError({ message, details });
    setBusy(false);
    // The same file chosen again must fire another change.
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  }

  async function handleFile(file: File): Promise<void> {
    setError(null);
    setBusy(true);
    let text: string;
    try {
      text = await file.text();
    } catch (caught) {
      log.warn('api', 'import file unreadable', { size: file.size, error: String(caught) });
      fail(t('importBoard.readFailed'));
      return;
    }
    try {
      JSON.parse(text);
    } catch {
      // Not JSON at all: no need to ask the server.
      fail(t('importBoard.notJson'));
      return;
    }
    try {
      const board = await importBoard(text);
      writeStored(STORAGE_KEYS.facilitatorKey(board.id), board.facilitatorKey);
      useAppStore.getState().setSharePanelOpen(true);
      navigate(`${boardPath(board.id)}#key=${encodeURIComponent(board.facilitatorKey)}`);
    } catch (caught) {
      log.warn('api', 'import refused', { size: file.size, error: String(caught) });
      const message = t('importBoard.failed', { message: describeApiError(caught, t, 'import') });
      fail(message, serverDetails(caught, 'import'));
    }
  }

  return (
    <div className="stack import-form">
      <p id={hintId} className="field-hint">
        {t('importBoard.intro')}
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t('importBoard.fileLabel')}</label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void handleFile(file);
          }}
        />
      </div>
      {busy && <p role="status">{t('importBoard.importing')}</p>}
      {error && (
        <div id={errorId} role="alert">
          <p className="field-error">{error.message}</p>
          <ServerDetails details={error.details} />
        </div>
      )}
    </div>
  );
}
