import { KIND_COLOURS, type NoteKind } from '@verksted/shared';

/** The text colour of every note (light cards with dark text, in both themes). */
export const NOTE_TEXT_COLOUR = '#1a1a1a';
/** WCAG 2.1 AA for normal text. */
const MIN_CONTRAST = 4.5;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rgb` or `#rrggbb`; null for anything else. */
function luminance(colour: string): number | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!match?.[1]) return null;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Contrast ratio of two colours (1–21), or 0 when one cannot be read. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return 0;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The background a note is shown on: its own colour when the dark text stays readable on it
 * (≥ 4.5:1), otherwise its kind's colour. A note may carry any colour (an imported board, another
 * client); the text must stay readable whatever it is.
 */
export function readableNoteColour(colour: string, kind: NoteKind): string {
  return contrastRatio(colour, NOTE_TEXT_COLOUR) >= MIN_CONTRAST ? colour : KIND_COLOURS[kind];
}
