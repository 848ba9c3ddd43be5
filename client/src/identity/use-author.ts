import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectIsFacilitator } from '../sync/connection-slice';
import { useAppStore } from '../store/app-store';
import type { Author } from '../notes/note-actions';

/** Who this user is on the open board: the name, group and id that go on new notes. */
export function useAuthor(): Author {
  const { t } = useTranslation();
  const isFacilitator = useAppStore(selectIsFacilitator);
  const participantId = useAppStore((s) => s.participantId);
  const name = useAppStore((s) => s.name);
  const facilitatorName = useAppStore((s) => s.facilitatorName);
  const group = useAppStore((s) => s.group);
  return useMemo(
    () =>
      isFacilitator
        ? { participantId, name: facilitatorName ?? t('identity.facilitatorDefaultName'), group: null }
        : { participantId, name: name ?? '', group },
    [isFacilitator, participantId, name, facilitatorName, group, t],
  );
}
