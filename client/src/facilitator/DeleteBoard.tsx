/**
 * "Delete this board": a section of the facilitator panel and its confirmation dialog. The
 * dialog offers the downloads first, and deletes only after the facilitator typed the board's
 * title or ticked "I have downloaded what I need". Afterwards the front page says it was deleted;
 * everyone else on the board is told by the server (close code 4410).
 */
import { useId, useState } from 'react';
import { boardExportPath, deleteBoard, type ExportFormat } from '../api/exports-api';
import { describeApiError } from '../api/error-message';
import { datedFileName, downloadFromServer } from '../exports/save-file';
import { useDownloadRunner } from '../exports/use-download-runner';
import { useExportsTranslation } from '../i18n/namespaces';
import { log } from '../log';
import { navigate } from '../router';
import { STORAGE_KEYS, writeStored } from '../storage';
import { useAppStore } from '../store/app-store';
import { Modal } from '../ui/Modal';
import '../exports/exports.css';

interface DeleteBoardProps {
  boardId: string;
  facilitatorKey: string;
  title: string;
}

/** The panel section with the "Delete this board" button. */
export function DeleteBoardSection({ boardId, facilitatorKey, title }: DeleteBoardProps) {
  const { t } = useExportsTranslation();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="panel-section panel-section--danger" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('deleteBoard.heading')}</h3>
      <p className="field-hint">{t('deleteBoard.hint')}</p>
      <div>
        <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
          {t('deleteBoard.button')}
        </button>
      </div>
      {open && <DeleteBoardDialog boardId={boardId} facilitatorKey={facilitatorKey} title={title} onCancel={() => setOpen(false)} />}
    </section>
  );
}

const DIALOG_DOWNLOADS: readonly { format: ExportFormat; label: 'deleteBoard.downloadJson' | 'downloads.markdown' | 'downloads.csv' }[] = [
  { format: 'json', label: 'deleteBoard.downloadJson' },
  { format: 'md', label: 'downloads.markdown' },
  { format: 'csv', label: 'downloads.csv' },
];

/** Whether what was typed is the board's title (spacing and case do not matter). */
export function matchesTitle(typed: string, title: string): boolean {
  const normalise = (s: string): string => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return normalise(typed) !== '' && normalise(typed) === normalise(title);
}

function DeleteBoardDialog({ boardId, facilitatorKey, title, onCancel }: DeleteBoardProps & { onCancel(): void }) {
  const { t } = useExportsTranslation();
  const typedId = useId();
  const downloadsHeadingId = useId();
  const runner = useDownloadRunner('download', true);
  const [typed, setTyped] = useState('');
  const [downloaded, setDownloaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmed = downloaded || matchesTitle(typed, title);

  async function handleDelete(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    if (!confirmed || busy) return;
    setBusy(true);
    setError(null);
    try {
      await deleteBoard(boardId, facilitatorKey);
      writeStored(STORAGE_KEYS.facilitatorKey(boardId), null);
      useAppStore.getState().setHomeNotice({ kind: 'deleted', title });
      navigate('/');
    } catch (caught) {
      log.warn('api', 'board not deleted', { boardId, error: String(caught) });
      setError(describeApiError(caught, t, 'delete', true));
      setBusy(false);
    }
  }

  return (
    <Modal title={t('deleteBoard.dialogTitle', { title })} description={t('deleteBoard.dialogBody')} onClose={busy ? undefined : onCancel}>
      <section className="delete-dialog__downloads" aria-labelledby={downloadsHeadingId}>
        <h3 id={downloadsHeadingId}>{t('deleteBoard.downloadsHeading')}</h3>
        <div className="button-row">
          {DIALOG_DOWNLOADS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              className="button button--small"
              disabled={runner.busy !== null}
              onClick={() =>
                void runner.run(format, () => downloadFromServer(boardExportPath(boardId, format), datedFileName(title, format), facilitatorKey))
              }
            >
              {t(label)}
            </button>
          ))}
        </div>
        {runner.error && (
          <p className="form-error" role="alert">
            {runner.error}
          </p>
        )}
        <p className="snapshots__status" role="status">
          {runner.status ?? ''}
        </p>
      </section>
      <form className="delete-dialog__confirm" noValidate onSubmit={(event) => void handleDelete(event)}>
        <div className="field">
          <label htmlFor={typedId}>{t('deleteBoard.typeTitle', { title })}</label>
          <input
            id={typedId}
            type="text"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <Checkbox label={t('deleteBoard.downloaded')} checked={downloaded} onChange={setDownloaded} />
        {!confirmed && <p className="field-hint">{t('deleteBoard.confirmHint')}</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row modal__actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('deleteBoard.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={!confirmed || busy}>
            {busy ? t('deleteBoard.deleting') : t('deleteBoard.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange(next: boolean): void }) {
  const id = useId();
  return (
    <div className="toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
