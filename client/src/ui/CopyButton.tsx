import { useEffect, useState } from 'react';
import { useFacilitationTranslation } from '../i18n/namespaces';
import { COPY_FEEDBACK_MS } from '../config';
import { log } from '../log';

interface CopyButtonProps {
  text: string;
  /** What is copied, for the accessible name ("Copy join code"). */
  what: string;
}

/** Copies `text` to the clipboard and says so, visibly and to screen readers. */
export function CopyButton({ text, what }: CopyButtonProps) {
  const { t } = useFacilitationTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), COPY_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function handleClick(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch (error) {
      log.warn('board', 'clipboard write failed', { error: String(error) });
      setState('failed');
    }
  }

  return (
    <>
      <button type="button" className="button button--small" onClick={() => void handleClick()} aria-label={t('share.copyLabel', { what })}>
        {state === 'copied' ? t('share.copied') : t('share.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? t('share.copied') : ''}
      </span>
      {state === 'failed' && (
        <p className="field-error" role="alert">
          {t('share.copyFailed')}
        </p>
      )}
    </>
  );
}
