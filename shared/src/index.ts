/** @verksted/shared: the board document, its vocabulary, templates, ids, limits and wire protocol. */
export * from './board-schema.js';
export * from './facilitation.js';
export * from './votes.js';
export * from './board-copy.js';
export * from './permissions.js';
export * from './templates.js';
export * from './vocabulary.js';
export * from './ids.js';
export * from './limits.js';
export * from './protocol.js';
export * from './test-ids.js';
export { NOTE_PLACEMENT_FIELDS, type RootName } from './schema-keys.js';
export * from './file-names.js';
export * from './refusals.js';
export * from './csv.js';
