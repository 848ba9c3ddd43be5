/**
 * The namespaces loaded on demand, as hooks. `useTranslation(ns)` makes i18next load the
 * namespace's strings in the current language (the component suspends until they are there), so
 * these strings are never part of the board's first download. See `resources.ts`.
 */
import { useTranslation } from 'react-i18next';

export const EXPORTS_NS = 'exports' as const;
export const HOME_NS = 'home' as const;
export const FACILITATION_NS = 'facilitation' as const;
export const REFUSALS_NS = 'refusals' as const;

/** `useTranslation` for the `exports` namespace (downloads, snapshots, report, roll-up, import, delete). */
export function useExportsTranslation() {
  return useTranslation(EXPORTS_NS);
}

/** `useTranslation` for the `home` namespace (front page, join page, not-found page). */
export function useHomeTranslation() {
  return useTranslation(HOME_NS);
}

/** `useTranslation` for the `facilitation` namespace (facilitator controls, share panel, projector). */
export function useFacilitationTranslation() {
  return useTranslation(FACILITATION_NS);
}
