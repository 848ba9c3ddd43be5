/**
 * The one zustand store, built from feature slices (zustand slices pattern). It holds local
 * state only; board content lives in the Y.Doc and is read through `@verksted/shared`.
 */
import { create } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from '../sync/connection-slice';
import { createIdentitySlice, type IdentitySlice } from '../identity/identity-slice';
import { createUiSlice, type UiSlice } from '../board/ui-slice';

export type AppState = ConnectionSlice & IdentitySlice & UiSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createConnectionSlice(...args),
  ...createIdentitySlice(...args),
  ...createUiSlice(...args),
}));

const initialState = useAppStore.getState();

/** Test helper: puts the store back to its state at module load (zustand testing guide). */
export function resetAppStore(): void {
  useAppStore.setState(initialState, true);
}
