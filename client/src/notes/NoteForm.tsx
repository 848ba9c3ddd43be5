import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_COLOURS, MAX_NOTE_TEXT_CHARS, NOTE_KINDS, type NoteKind } from '@verksted/shared';

interface NoteFormProps {
  initialText: string;
  initialKind: NoteKind;
  /** Accessible name of the text field. */
  label: string;
  submitLabel: string;
  testId: string;
  onSubmit(text: string, kind: NoteKind): void;
  onCancel(): void;
  /** Saves when focus leaves the form (the inline editor), instead of leaving it open. */
  submitOnBlur?: boolean;
}

/**
 * Scrolls the form into view (above a phone's on-screen keyboard), without animation: the whole
 * form (text, kinds, buttons) when it fits in what is visible, else the text field.
 */
function keepInView(field: HTMLElement): void {
  const form = field.closest('form');
  const visibleHeight = window.visualViewport?.height ?? window.innerHeight;
  const target = form && form.getBoundingClientRect().height <= visibleHeight ? form : field;
  target.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
}

/** Shows a countdown only near the limit, so it does not distract while typing. */
const SHOW_REMAINING_BELOW_CHARS = 100;

/**
 * Text and kind of a note: used to add (composer) and to edit (inline editor).
 * Enter saves, Shift+Enter gives a new line, Escape cancels.
 */
export function NoteForm({ initialText, initialKind, label, submitLabel, testId, onSubmit, onCancel, submitOnBlur }: NoteFormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialText);
  const [kind, setKind] = useState<NoteKind>(initialKind);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const hintId = useId();
  const remainingId = useId();
  const radioName = useId();
  const remaining = MAX_NOTE_TEXT_CHARS - text.length;

  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    keepInView(textarea);
  }, []);

  // A phone's on-screen keyboard shrinks the viewport (interactive-widget=resizes-content in
  // index.html): the text field is scrolled back into view whenever that happens while typing.
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    function handleResize(): void {
      const textarea = textareaRef.current;
      if (textarea && document.activeElement === textarea) keepInView(textarea);
    }
    viewport.addEventListener('resize', handleResize);
    return () => viewport.removeEventListener('resize', handleResize);
  }, []);

  function submit(): void {
    onSubmit(text, kind);
  }

  function handleKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  }

  function handleBlur(event: React.FocusEvent<HTMLFormElement>): void {
    if (!submitOnBlur) return;
    const next = event.relatedTarget;
    if (next instanceof Node && formRef.current?.contains(next)) return;
    submit();
  }

  return (
    <form
      ref={formRef}
      className="note-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onBlur={handleBlur}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <textarea
        ref={textareaRef}
        className="note-form__text"
        data-testid={testId}
        aria-label={label}
        aria-describedby={remaining < SHOW_REMAINING_BELOW_CHARS ? `${hintId} ${remainingId}` : hintId}
        value={text}
        maxLength={MAX_NOTE_TEXT_CHARS}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        onFocus={(event) => keepInView(event.currentTarget)}
        onKeyDown={handleKeyDown}
      />
      <p id={hintId} className="note-form__hint">
        {t('note.keyHint')}
      </p>
      {remaining < SHOW_REMAINING_BELOW_CHARS && (
        <p id={remainingId} className="note-form__remaining">
          {t('note.charactersLeft', { count: remaining })}
        </p>
      )}
      <fieldset className="kind-picker">
        <legend>{t('note.kindLabel')}</legend>
        {NOTE_KINDS.map((k) => (
          <label key={k} className="kind-picker__option" style={{ backgroundColor: KIND_COLOURS[k] }}>
            <input type="radio" name={radioName} value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span className="kind-picker__mark" aria-hidden="true" />
            <span>{t(`kinds.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary button--small">
          {submitLabel}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('note.cancel')}
        </button>
      </div>
    </form>
  );
}
