import { memo, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TITLE_CHARS, TEST_IDS } from '@verksted/shared';
import { NoteItem } from '../notes/NoteItem';
import { moveGroupToArea, renameGroup, ungroup } from '../notes/note-actions';
import { log } from '../log';
import { useAppStore } from '../store/app-store';
import { useRenderProbe } from '../ui/render-probe';
import { useBoardDoc } from './board-context';
import { useBoardKit } from './board-kit';
import { useAreas } from './use-areas';
import { useCluster } from './use-cluster';
import { usePermission } from './use-permission';

interface ClusterBoxProps {
  clusterId: string;
  /** The group's notes in order (as shown). */
  noteIds: readonly string[];
  areaId: string;
}

/**
 * A group of related notes (a cluster): a labelled box (role=group) with its notes. In the
 * cluster phase (and for the facilitator) its title can be edited, it can be dissolved
 * ("Ungroup") or moved to another area, and notes can be dropped into it.
 */
export const ClusterBox = memo(function ClusterBox({ clusterId, noteIds, areaId }: ClusterBoxProps) {
  useRenderProbe('ClusterBox', clusterId);
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const cluster = useCluster(doc, clusterId);
  const mayCluster = usePermission(doc, 'cluster');
  const isDropTarget = useAppStore((s) => s.drag !== null && s.drag.overClusterId === clusterId);
  const kit = useBoardKit();
  const title = cluster?.title ?? '';
  const label = title || t('cluster.untitled');

  function handleUngroup(): void {
    const store = useAppStore.getState();
    const first = noteIds[0];
    try {
      ungroup(doc, clusterId);
      if (first) store.requestFocus({ kind: 'note', noteId: first });
      store.announce(t('cluster.ungrouped', { group: label }));
    } catch (error) {
      log.warn('board', 'group could not be dissolved', { clusterId, error: String(error) });
    }
  }

  const boxProps = {
    role: 'group',
    'aria-label': label,
    className: isDropTarget ? 'cluster cluster--drop-target' : 'cluster',
    'data-testid': TEST_IDS.cluster,
    'data-cluster-id': clusterId,
  };
  const content = (
    <>
      <div className="cluster__header">
        {mayCluster ? <ClusterTitle clusterId={clusterId} title={title} /> : <h3 className="cluster__title">{label}</h3>}
        {mayCluster && (
          <div className="cluster__actions">
            <button type="button" className="button button--small" onClick={handleUngroup}>
              {t('cluster.ungroup')}
            </button>
            <MoveClusterMenu clusterId={clusterId} areaId={areaId} label={label} />
          </div>
        )}
      </div>
      <div role="list" className="cluster__notes">
        {noteIds.map((noteId) => (
          <NoteItem key={noteId} noteId={noteId} areaId={areaId} clusterId={clusterId} />
        ))}
      </div>
    </>
  );

  return (
    <div role="listitem" className="cluster-item">
      {kit ? (
        <kit.ClusterDropZone clusterId={clusterId} areaId={areaId} disabled={!mayCluster} {...boxProps}>
          {content}
        </kit.ClusterDropZone>
      ) : (
        <div {...boxProps}>{content}</div>
      )}
    </div>
  );
});

/** The group's title as an input: saved on Enter or when focus leaves; Escape restores it. */
function ClusterTitle({ clusterId, title }: { clusterId: string; title: string }) {
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const [draft, setDraft] = useState(title);
  const [focused, setFocused] = useState(false);
  // Follows renames by others, except while this user is typing.
  useEffect(() => {
    if (!focused) setDraft(title);
  }, [title, focused]);

  function save(): void {
    if (draft.trim() === title) return;
    try {
      renameGroup(doc, clusterId, draft);
      useAppStore.getState().announce(t('cluster.renamed', { group: draft.trim() || t('cluster.untitled') }));
    } catch (error) {
      log.warn('board', 'group could not be renamed', { clusterId, error: String(error) });
      setDraft(title);
    }
  }

  return (
    <input
      className="cluster__title-input"
      type="text"
      value={draft}
      maxLength={MAX_TITLE_CHARS}
      placeholder={t('cluster.titlePlaceholder')}
      aria-label={t('cluster.titleLabel')}
      onChange={(event) => setDraft(event.target.value)}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          save();
        } else if (event.key === 'Escape') {
          event.stopPropagation();
          setDraft(title);
        }
      }}
    />
  );
}

/** "Move group to area…": a disclosure listing the other areas. */
function MoveClusterMenu({ clusterId, areaId, label }: { clusterId: string; areaId: string; label: string }) {
  const { t } = useTranslation();
  const doc = useBoardDoc();
  const areas = useAreas(doc);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const others = areas.filter((area) => area.id !== areaId);

  useEffect(() => {
    if (open) panelRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open]);

  if (others.length === 0) return null;

  function handleMove(targetId: string, targetTitle: string): void {
    const store = useAppStore.getState();
    try {
      moveGroupToArea(doc, clusterId, targetId);
      store.announce(t('cluster.moved', { group: label, area: targetTitle }));
    } catch (error) {
      log.warn('board', 'group could not be moved', { clusterId, error: String(error) });
    }
    setOpen(false);
  }

  return (
    <div className="move-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {t('cluster.moveMenu')}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="move-menu__panel"
          role="group"
          aria-label={t('cluster.moveMenuTitle', { group: label })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          {others.map((area) => (
            <button
              key={area.id}
              type="button"
              className="menu-item"
              aria-label={t('cluster.moveTo', { area: area.title })}
              onClick={() => handleMove(area.id, area.title)}
            >
              {area.title}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
