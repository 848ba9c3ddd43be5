import { useEffect, useId, useRef, useState } from 'react';
import { useHomeTranslation } from '../i18n/namespaces';
import { JOIN_CODE_LENGTH, normaliseJoinCode } from '@verksted/shared';
import { findBoardByCode } from '../api/boards-api';
import { describeApiError } from '../api/error-message';
import { boardPath, navigate } from '../router';

interface JoinFormProps {
  /** A code from the URL (`/join/:code`): looked up at once. */
  initialCode?: string | null;
}

/** "Join a workshop": type the code, find the board, go there. */
export function JoinForm({ initialCode = null }: JoinFormProps) {
  const { t } = useHomeTranslation();
  const [code, setCode] = useState(initialCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  async function join(typed: string): Promise<void> {
    const normalised = normaliseJoinCode(typed);
    if (!normalised) {
      setError(t('errors.codeFormat'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const boardId = await findBoardByCode(normalised);
      navigate(boardPath(boardId));
    } catch (caught) {
      setError(describeApiError(caught, t, 'join'));
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  useEffect(() => {
    if (initialCode) void join(initialCode);
    // Only for the code the page was opened with (the page is keyed by it).
  }, [initialCode]);

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void join(code);
      }}
    >
      <div className="field">
        <label htmlFor={inputId}>{t('home.codeLabel')}</label>
        <input
          ref={inputRef}
          id={inputId}
          className="join-code-input"
          type="text"
          value={code}
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={JOIN_CODE_LENGTH + 4}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => setCode(event.target.value)}
        />
        <p id={hintId} className="field-hint">
          {t('home.codeHint')}
        </p>
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('home.joining') : t('home.joinButton')}
        </button>
      </div>
    </form>
  );
}
