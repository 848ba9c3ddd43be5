import { useId, useState } from 'react';
import { useHomeTranslation } from '../i18n/namespaces';
import { MAX_TITLE_CHARS, TEMPLATE_IDS, type TemplateId } from '@verksted/shared';
import { createBoard } from '../api/boards-api';
import { describeApiError } from '../api/error-message';
import { currentLanguage } from '../i18n/i18n';
import { boardPath, navigate } from '../router';
import { STORAGE_KEYS, writeStored } from '../storage';
import { useAppStore } from '../store/app-store';

/** "Create a workshop": a title and a template, then straight to the board as its facilitator. */
export function CreateBoardForm() {
  const { t } = useHomeTranslation();
  const language = currentLanguage();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('innovation-strategy');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const hintId = useId();

  async function handleSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard({ title: title.trim(), template, language });
      // Stored now as well as passed in the fragment, so the role survives even if the
      // fragment is lost on the way.
      writeStored(STORAGE_KEYS.facilitatorKey(board.id), board.facilitatorKey);
      useAppStore.getState().setSharePanelOpen(true);
      navigate(`${boardPath(board.id)}#key=${encodeURIComponent(board.facilitatorKey)}`);
    } catch (caught) {
      setError(describeApiError(caught, t, 'create'));
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)}>
      <div className="field">
        <label htmlFor={titleId}>{t('home.titleLabel')}</label>
        <input
          id={titleId}
          type="text"
          value={title}
          maxLength={MAX_TITLE_CHARS}
          placeholder={t(`templates.${template}.title`)}
          aria-describedby={hintId}
          onChange={(event) => setTitle(event.target.value)}
        />
        <p id={hintId} className="field-hint">
          {t('home.titleHint')}
        </p>
      </div>
      <fieldset className="template-picker">
        <legend>{t('home.templateLegend')}</legend>
        {TEMPLATE_IDS.map((id) => {
          return (
            <label key={id} className="template-card">
              <input
                type="radio"
                name="template"
                value={id}
                checked={template === id}
                onChange={() => setTemplate(id)}
              />
              <span className="template-card__body">
                <span className="template-card__title">{t(`templates.${id}.title`)}</span>
                <span className="template-card__areas">
                  {id === 'blank' ? t('home.blankTemplateHint') : t('home.templateAreas', { areas: t(`templates.${id}.areas`) })}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('home.creating') : t('home.createButton')}
        </button>
      </div>
    </form>
  );
}
