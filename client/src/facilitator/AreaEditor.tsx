import { useEffect, useId, useState } from 'react';
import { useFacilitationTranslation } from '../i18n/namespaces';
import type { TFunction } from 'i18next';
import type * as Y from 'yjs';
import {
  BoardInputError,
  MAX_AREAS,
  MAX_DESCRIPTION_CHARS,
  MAX_TITLE_CHARS,
  addArea,
  moveArea,
  removeArea,
  updateArea,
  type Area,
} from '@verksted/shared';
import { useAreaItems, useAreaNoteIds } from '../board/use-area-note-ids';
import { useAreas } from '../board/use-areas';
import { log } from '../log';
import { LOCAL_ORIGIN } from '../notes/note-actions';
import { useAppStore } from '../store/app-store';

function describeAreaError(error: unknown, t: TFunction<'facilitation'>): string {
  if (error instanceof BoardInputError) {
    if (error.code === 'empty') return t('facilitator.areaTitleRequired');
    if (error.code === 'too-many-areas') return t('facilitator.tooManyAreas', { max: MAX_AREAS });
    if (error.code === 'too-long') return t('facilitator.areaTooLong');
    if (error.code === 'unknown-area') return t('facilitator.areaGone');
  }
  log.warn('board', 'area change failed', { error: String(error) });
  return t('facilitator.areaFailed');
}

interface AreaEditorProps {
  doc: Y.Doc;
  onError(message: string | null): void;
}

/** Add, rename, describe, reorder and remove areas; removing one with notes asks where they go. */
export function AreaEditor({ doc, onError }: AreaEditorProps) {
  const { t } = useFacilitationTranslation();
  const headingId = useId();
  const areas = useAreas(doc);

  function attempt(change: () => void, announcement: string): boolean {
    try {
      change();
      onError(null);
      useAppStore.getState().announce(announcement);
      return true;
    } catch (error) {
      onError(describeAreaError(error, t));
      return false;
    }
  }

  return (
    <section className="panel-section panel-section--wide" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('facilitator.areasHeading')}</h3>
      <ol className="area-editor">
        {areas.map((area, index) => (
          <AreaRow key={area.id} doc={doc} area={area} index={index} areas={areas} attempt={attempt} />
        ))}
      </ol>
      <AddAreaForm doc={doc} count={areas.length} attempt={attempt} />
    </section>
  );
}

interface AreaRowProps {
  doc: Y.Doc;
  area: Area;
  index: number;
  areas: readonly Area[];
  attempt(change: () => void, announcement: string): boolean;
}

function AreaRow({ doc, area, index, areas, attempt }: AreaRowProps) {
  const { t } = useFacilitationTranslation();
  const titleId = useId();
  const descriptionId = useId();
  const targetId = useId();
  const [title, setTitle] = useState(area.title);
  const [description, setDescription] = useState(area.description);
  const [removing, setRemoving] = useState(false);
  const others = areas.filter((a) => a.id !== area.id);
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const noteCount = useAreaNoteIds(doc, area.id).length;
  const itemCount = useAreaItems(doc, area.id).length;
  const changed = title.trim() !== area.title || description.trim() !== area.description;

  useEffect(() => setTitle(area.title), [area.title]);
  useEffect(() => setDescription(area.description), [area.description]);
  useEffect(() => {
    if (!others.some((a) => a.id === target)) setTarget(others[0]?.id ?? '');
  }, [others, target]);

  function handleSave(event: React.FormEvent): void {
    event.preventDefault();
    attempt(() => updateArea(doc, area.id, { title, description }, LOCAL_ORIGIN), t('facilitator.areaSaved', { area: title.trim() }));
  }

  function handleRemove(): void {
    if (itemCount > 0) {
      setRemoving(true);
      return;
    }
    attempt(() => removeArea(doc, area.id, {}, LOCAL_ORIGIN), t('facilitator.areaRemoved', { area: area.title }));
  }

  function handleRemoveAndMove(): void {
    const to = others.find((a) => a.id === target);
    if (!to) return;
    if (attempt(() => removeArea(doc, area.id, { moveNotesTo: to.id }, LOCAL_ORIGIN), t('facilitator.areaRemovedMoved', { area: area.title, target: to.title }))) {
      setRemoving(false);
    }
  }

  return (
    <li className="area-editor__row">
      <form className="area-editor__form" onSubmit={handleSave} noValidate aria-label={t('facilitator.areaLabel', { number: index + 1, area: area.title })}>
        <div className="field">
          <label htmlFor={titleId}>{t('facilitator.areaTitle', { number: index + 1 })}</label>
          <input id={titleId} type="text" value={title} maxLength={MAX_TITLE_CHARS} onChange={(event) => setTitle(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={descriptionId}>{t('facilitator.areaDescription', { number: index + 1 })}</label>
          <textarea
            id={descriptionId}
            rows={2}
            value={description}
            maxLength={MAX_DESCRIPTION_CHARS}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--small" disabled={!changed} aria-label={t('facilitator.areaSaveLabel', { area: area.title })}>
            {t('facilitator.areaSave')}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={index === 0}
            aria-label={t('facilitator.areaUpLabel', { area: area.title })}
            onClick={() => attempt(() => moveArea(doc, area.id, index - 1, LOCAL_ORIGIN), t('facilitator.areaMoved', { area: area.title, position: index }))}
          >
            {t('facilitator.areaUp')}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={index === areas.length - 1}
            aria-label={t('facilitator.areaDownLabel', { area: area.title })}
            onClick={() =>
              attempt(() => moveArea(doc, area.id, index + 1, LOCAL_ORIGIN), t('facilitator.areaMoved', { area: area.title, position: index + 2 }))
            }
          >
            {t('facilitator.areaDown')}
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={itemCount > 0 && others.length === 0}
            aria-expanded={itemCount > 0 ? removing : undefined}
            aria-label={t('facilitator.areaRemoveLabel', { area: area.title })}
            onClick={handleRemove}
          >
            {t('facilitator.areaRemove')}
          </button>
        </div>
      </form>
      {removing && (
        <div className="area-editor__confirm" role="group" aria-label={t('facilitator.areaRemoveConfirmLabel', { area: area.title })}>
          <p>{t('facilitator.areaHasNotes', { area: area.title, count: noteCount })}</p>
          <div className="field">
            <label htmlFor={targetId}>{t('facilitator.areaMoveNotesTo')}</label>
            <select id={targetId} value={target} onChange={(event) => setTarget(event.target.value)}>
              {others.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="button" className="button button--small button--danger" onClick={handleRemoveAndMove}>
              {t('facilitator.areaRemoveAndMove')}
            </button>
            <button type="button" className="button button--small" onClick={() => setRemoving(false)}>
              {t('facilitator.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function AddAreaForm({ doc, count, attempt }: { doc: Y.Doc; count: number; attempt: AreaRowProps['attempt'] }) {
  const { t } = useFacilitationTranslation();
  const titleId = useId();
  const descriptionId = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form
      className="area-editor__add"
      noValidate
      aria-label={t('facilitator.areaAddHeading')}
      onSubmit={(event) => {
        event.preventDefault();
        if (attempt(() => addArea(doc, { title, description }, LOCAL_ORIGIN), t('facilitator.areaAdded', { area: title.trim() }))) {
          setTitle('');
          setDescription('');
        }
      }}
    >
      <div className="field">
        <label htmlFor={titleId}>{t('facilitator.areaNewTitle')}</label>
        <input id={titleId} type="text" value={title} maxLength={MAX_TITLE_CHARS} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={descriptionId}>{t('facilitator.areaNewDescription')}</label>
        <textarea id={descriptionId} rows={2} value={description} maxLength={MAX_DESCRIPTION_CHARS} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <button type="submit" className="button" disabled={count >= MAX_AREAS}>
        {t('facilitator.areaAdd')}
      </button>
    </form>
  );
}
