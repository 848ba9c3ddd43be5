import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_CHARS } from '@verksted/shared';
import { useAppStore } from '../store/app-store';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Modal } from '../ui/Modal';
import { groupLabel } from './group-label';
import { cleanName } from './identity-slice';

interface IdentityDialogProps {
  /** `welcome`: asked once before the board shows, cannot be dismissed. `edit`: from the header. */
  mode: 'welcome' | 'edit';
  isFacilitator: boolean;
  /** The stakeholder groups this board offers (`settings.stakeholderGroups`). */
  groups: readonly string[];
  onDone(): void;
}

/** Asks for the display name and, for participants, an optional stakeholder group. */
export function IdentityDialog({ mode, isFacilitator, groups, onDone }: IdentityDialogProps) {
  const { t } = useTranslation();
  const stored = useAppStore((s) => (isFacilitator ? s.facilitatorName : s.name));
  const storedGroup = useAppStore((s) => s.group);
  const setIdentity = useAppStore((s) => s.setIdentity);
  const setFacilitatorName = useAppStore((s) => s.setFacilitatorName);
  const [name, setName] = useState(stored ?? (isFacilitator ? t('identity.facilitatorDefaultName') : ''));
  // A group remembered from another board is kept only if this board offers it too.
  const [group, setGroup] = useState<string | null>(storedGroup);
  const offered = group !== null && groups.includes(group) ? group : null;
  const [showError, setShowError] = useState(false);
  const nameId = useId();
  const errorId = useId();
  const groupId = useId();

  function handleSubmit(event: React.FormEvent): void {
    event.preventDefault();
    const cleaned = cleanName(name);
    if (!cleaned) {
      setShowError(true);
      return;
    }
    if (isFacilitator) setFacilitatorName(cleaned);
    else setIdentity({ name: cleaned, group: offered });
    onDone();
  }

  return (
    <Modal
      title={mode === 'welcome' ? t('identity.dialogTitle') : t('identity.editTitle')}
      {...(mode === 'welcome' ? { description: t('identity.dialogIntro') } : { onClose: onDone })}
    >
      {/* The first thing a participant sees: the language can be chosen right here. */}
      {mode === 'welcome' && (
        <div className="modal__language">
          <LanguageSwitch />
        </div>
      )}
      <form className="stack" onSubmit={handleSubmit} noValidate>
        <div className="field">
          <label htmlFor={nameId}>{t('identity.nameLabel')}</label>
          <input
            id={nameId}
            data-autofocus
            type="text"
            value={name}
            maxLength={MAX_NAME_CHARS}
            autoComplete="nickname"
            aria-invalid={showError || undefined}
            aria-describedby={showError ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              if (showError) setShowError(false);
            }}
          />
          {showError && (
            <p id={errorId} className="field-error" role="alert">
              {t('identity.nameRequired')}
            </p>
          )}
        </div>
        {!isFacilitator && (
          <div className="field">
            <label htmlFor={groupId}>{t('identity.groupLabel')}</label>
            <select
              id={groupId}
              value={offered ?? ''}
              onChange={(event) => setGroup(event.target.value || null)}
            >
              <option value="">{t('identity.groupNone')}</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {groupLabel(g, t)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {mode === 'welcome' ? t('identity.continue') : t('identity.save')}
          </button>
          {mode === 'edit' && (
            <button type="button" className="button" onClick={onDone}>
              {t('identity.cancel')}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
