import { useState } from 'react';
import { rollBackToSnapshot } from '../api/exports-api';
import { useExportsTranslation } from '../i18n/namespaces';
import { log } from '../log';
import { Modal } from '../ui/Modal';
import { describeApiError } from '../api/error-message';

interface RollbackDialogProps {
  boardId: string;
  facilitatorKey: string;
  snapshotId: string;
  /** How the snapshot is named in the list (label or reason, and time). */
  snapshotName: string;
  onDone(): void;
  onCancel(): void;
}

/**
 * "Roll the board back?": says that the board changes for everyone and that the current state
 * is kept as a snapshot first; rolls back on confirmation. Escape or Cancel closes it.
 */
export function RollbackDialog({ boardId, facilitatorKey, snapshotId, snapshotName, onDone, onCancel }: RollbackDialogProps) {
  const { t } = useExportsTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleConfirm(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await rollBackToSnapshot(boardId, facilitatorKey, snapshotId);
      onDone();
    } catch (caught) {
      log.warn('api', 'rollback failed', { boardId, snapshotId, error: String(caught) });
      setError(describeApiError(caught, t, 'restore', true));
      setBusy(false);
    }
  }

  return (
    <Modal
      title={t('snapshots.rollbackTitle')}
      description={t('snapshots.rollbackBody', { snapshot: snapshotName })}
      onClose={busy ? undefined : onCancel}
    >
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row modal__actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('snapshots.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void handleConfirm()} disabled={busy}>
          {busy ? t('snapshots.rollingBack') : t('snapshots.rollbackConfirm')}
        </button>
      </div>
    </Modal>
  );
}
