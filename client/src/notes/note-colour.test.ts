import { describe, expect, it } from 'vitest';
import { KIND_COLOURS, NOTE_KINDS } from '@verksted/shared';
import { NOTE_TEXT_COLOUR, contrastRatio, readableNoteColour } from './note-colour';

describe('note colours', () => {
  it('keeps the dark note text at 4.5:1 or more on every kind’s colour', () => {
    for (const kind of NOTE_KINDS) expect(contrastRatio(KIND_COLOURS[kind], NOTE_TEXT_COLOUR), kind).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps a note’s own light colour and replaces a dark or unreadable one by its kind’s', () => {
    expect(readableNoteColour('#ffffff', 'idea')).toBe('#ffffff');
    expect(readableNoteColour('#fcd', 'need')).toBe('#fcd');
    expect(readableNoteColour('#333333', 'goal')).toBe(KIND_COLOURS.goal);
    expect(readableNoteColour('#1f4e8c', 'experience')).toBe(KIND_COLOURS.experience);
    expect(readableNoteColour('red; background-image: url(x)', 'idea')).toBe(KIND_COLOURS.idea);
    expect(readableNoteColour('', 'idea')).toBe(KIND_COLOURS.idea);
  });
});
