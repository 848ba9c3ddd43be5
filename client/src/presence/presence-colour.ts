/** Dark enough for a white initial on top (≥ 4.5:1), distinct enough side by side. */
const PRESENCE_COLOURS = ['#1f4e8c', '#7a3e9d', '#a3361f', '#1d6b47', '#8a5a00', '#9c2f5b', '#285f6e', '#4b4f9e'];

/** A stable colour per participant id. */
export function presenceColour(participantId: string): string {
  let hash = 0;
  for (let i = 0; i < participantId.length; i++) hash = (hash * 31 + participantId.charCodeAt(i)) | 0;
  return PRESENCE_COLOURS[Math.abs(hash) % PRESENCE_COLOURS.length] ?? PRESENCE_COLOURS[0]!;
}
