/**
 * Names in the DOM shared by the drag-and-drop layer (loaded later, `board/BoardKit.tsx`) and
 * the components always loaded (a note's handle): small, so a handle does not pull in dnd-kit.
 */

/** Attribute on a note's list item; its value is the note id. */
export const NOTE_ELEMENT_ATTR = 'data-drag-note';
/** Attribute on an area's list of notes; its value is the area id. */
export const AREA_ZONE_ATTR = 'data-drop-area';
/** Attribute on an area's tab (narrow screens); its value is the area id. */
export const AREA_TAB_ATTR = 'data-drop-tab';
/** Attribute on a note's drag handle (the keyboard's way to drag). */
export const DRAG_HANDLE_ATTR = 'data-drag-handle';
/**
 * The id of dnd-kit's hidden drag instructions (the board's DndContext is given it); handles
 * point at it with `aria-describedby`. dnd-kit's own prefix is kept.
 */
export const DRAG_INSTRUCTIONS_ID = 'DndDescribedBy-board';
