/**
 * Local UI state of the board: which composer or editor is open, the active area on narrow
 * screens, panels, the drag in progress and focus requests. Never written to the Y.Doc.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from '../store/app-store';

export interface DragState {
  activeNoteId: string;
  /** The area the dragged note is over, for the drop highlight. */
  overAreaId: string | null;
  /** The group (cluster) the dragged note would join, for the drop highlight. */
  overClusterId?: string | null;
  /** The note the drop is shown at (a drop line, or the outline of the note to group with). */
  mark?: DropMark | null;
}

/** A drop line before or after a note, or the outline of the note the dragged one would be grouped with. */
export interface DropMark {
  noteId: string;
  kind: 'before' | 'after' | 'group';
}

/** Where focus should go after the DOM settles (a note re-mounts after a move or add). */
export type FocusRequest =
  | { kind: 'note'; noteId: string }
  | { kind: 'add-button'; areaId: string };

/** What the front page has to tell on arrival; translated there, in the language shown then. */
export type HomeNotice = { kind: 'deleted'; title: string };

export interface UiState {
  /** Area whose "Add note" composer is open. */
  composerAreaId: string | null;
  /** Note whose text is being edited. */
  editingNoteId: string | null;
  /** Area shown on narrow screens. */
  activeAreaId: string | null;
  sharePanelOpen: boolean;
  identityDialogOpen: boolean;
  drag: DragState | null;
  focusRequest: FocusRequest | null;
  /** Latest message for the polite live region; `id` changes even when the text repeats. */
  announcement: { id: number; text: string } | null;
  /** Notes selected for "Group selected" (the keyboard and touch way to group), in selection order. */
  selectedNoteIds: readonly string[];
  facilitatorPanelOpen: boolean;
  /** The facilitator looks at the notes during the silent brainstorm (hidden by default). */
  peekNotes: boolean;
  /** Why the server refused a change, shown until dismissed; the board was reloaded. */
  refusedNotice: string | null;
  /** A dot that could not be given (none left), shown as an alert at the note it was for. */
  voteNotice: { noteId: string; text: string } | null;
  downloadsPanelOpen: boolean;
  /** A notice for the front page, shown once after arriving there ("The workshop … was deleted"). */
  homeNotice: HomeNotice | null;
}

export interface UiSlice extends UiState {
  openComposer(areaId: string): void;
  closeComposer(): void;
  startEditing(noteId: string): void;
  stopEditing(): void;
  setActiveArea(areaId: string): void;
  setSharePanelOpen(open: boolean): void;
  setIdentityDialogOpen(open: boolean): void;
  setDrag(drag: DragState | null): void;
  requestFocus(request: FocusRequest): void;
  clearFocusRequest(): void;
  announce(text: string): void;
  toggleSelected(noteId: string): void;
  clearSelection(): void;
  setFacilitatorPanelOpen(open: boolean): void;
  setPeekNotes(peek: boolean): void;
  setRefusedNotice(reason: string | null): void;
  setVoteNotice(notice: { noteId: string; text: string } | null): void;
  setDownloadsPanelOpen(open: boolean): void;
  setHomeNotice(notice: HomeNotice | null): void;
}

export const INITIAL_UI_STATE: UiState = {
  composerAreaId: null,
  editingNoteId: null,
  activeAreaId: null,
  sharePanelOpen: false,
  identityDialogOpen: false,
  drag: null,
  focusRequest: null,
  announcement: null,
  selectedNoteIds: [],
  facilitatorPanelOpen: false,
  peekNotes: false,
  refusedNotice: null,
  voteNotice: null,
  downloadsPanelOpen: false,
  homeNotice: null,
};

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  ...INITIAL_UI_STATE,
  openComposer: (areaId) => set({ composerAreaId: areaId, editingNoteId: null }),
  closeComposer: () => set({ composerAreaId: null }),
  startEditing: (noteId) => set({ editingNoteId: noteId, composerAreaId: null }),
  stopEditing: () => set({ editingNoteId: null }),
  setActiveArea: (areaId) => set({ activeAreaId: areaId }),
  setSharePanelOpen: (open) => set({ sharePanelOpen: open }),
  setIdentityDialogOpen: (open) => set({ identityDialogOpen: open }),
  setDrag: (drag) => set({ drag }),
  requestFocus: (request) => set({ focusRequest: request }),
  clearFocusRequest: () => set({ focusRequest: null }),
  announce: (text) => set({ announcement: { id: (get().announcement?.id ?? 0) + 1, text } }),
  toggleSelected: (noteId) => {
    const selected = get().selectedNoteIds;
    set({
      selectedNoteIds: selected.includes(noteId) ? selected.filter((id) => id !== noteId) : [...selected, noteId],
    });
  },
  clearSelection: () => {
    if (get().selectedNoteIds.length > 0) set({ selectedNoteIds: [] });
  },
  setFacilitatorPanelOpen: (open) => set({ facilitatorPanelOpen: open }),
  setPeekNotes: (peek) => set({ peekNotes: peek }),
  setRefusedNotice: (reason) => set({ refusedNotice: reason }),
  setVoteNotice: (notice) => set({ voteNotice: notice }),
  setDownloadsPanelOpen: (open) => set({ downloadsPanelOpen: open }),
  setHomeNotice: (notice) => set({ homeNotice: notice }),
});
