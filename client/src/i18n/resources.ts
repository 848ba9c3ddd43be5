/**
 * Where each namespace's strings live, per language. Every bundle is its own chunk, loaded by
 * i18next (through the backend in `i18n.ts`) only when a page needs that namespace, and only in
 * the language shown: a phone on the board downloads the board's strings in one language.
 *
 * | namespace      | loaded with                                                    |
 * | `translation`  | the app, before the first render (board, header, dialogs)      |
 * | `home`         | the front page, the join page, the not-found page               |
 * | `facilitation` | the facilitator's controls, the share panel, the projector view |
 * | `exports`      | downloads, snapshots, report, roll-up, import, deleting a board |
 * | `refusals`     | the notice that the server refused a change                     |
 */
import type { Language } from '@verksted/shared';

export const NAMESPACES = ['translation', 'home', 'facilitation', 'exports', 'refusals'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A namespace's message tree in one language. */
export type ResourceBundle = { readonly [key: string]: string | ResourceBundle };

type Loader = () => Promise<ResourceBundle>;

/**
 * One dynamic `import()` per file, written out, so the bundler makes one chunk per language and
 * namespace (a template-string import would work too, but this keeps the list greppable).
 */
export const RESOURCE_LOADERS: Readonly<Record<Namespace, Readonly<Record<Language, Loader>>>> = {
  translation: {
    en: () => import('./en').then((m) => m.en),
    nb: () => import('./nb').then((m) => m.nb),
  },
  home: {
    en: () => import('./home-en').then((m) => m.homeEn),
    nb: () => import('./home-nb').then((m) => m.homeNb),
  },
  facilitation: {
    en: () => import('./facilitation-en').then((m) => m.facilitationEn),
    nb: () => import('./facilitation-nb').then((m) => m.facilitationNb),
  },
  exports: {
    en: () => import('./exports-en').then((m) => m.exportsEn),
    nb: () => import('./exports-nb').then((m) => m.exportsNb),
  },
  refusals: {
    en: () => import('./refusals-en').then((m) => m.refusalsEn),
    nb: () => import('./refusals-nb').then((m) => m.refusalsNb),
  },
};

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === 'string' && (NAMESPACES as readonly string[]).includes(value);
}
