/**
 * The PNG picture of a board. The board is drawn by `BoardPicture` into an off-screen stage (all
 * areas side by side, whatever the screen size), photographed with html-to-image (loaded only
 * now), and removed again. html-to-image inlines computed styles into an SVG image and draws it
 * on a canvas: no script, no inline style sheet in the page, only a data: image, so it works
 * under a strict Content-Security-Policy. Web fonts are not embedded (`skipFonts`): the app uses
 * the system's fonts.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type * as Y from 'yjs';
import { readBoard, readSettings, readTallies } from '@verksted/shared';
import { BoardPicture } from './BoardPicture';

/** Pixels per CSS pixel in the PNG: sharp on paper and on high-density screens. */
export const PICTURE_PIXEL_RATIO = 2;
/** Behind and around the board in the PNG. */
export const PICTURE_BACKGROUND = '#ffffff';

export interface PictureOptions {
  showAuthors: boolean;
  /** Show the dots per note (results, or a revealed vote). */
  showVotes: boolean;
  /** The date printed under the title (already formatted). */
  date: string;
}

/** Controls never belong in the picture (the picture has none; this keeps it so). */
export function isPictureContent(node: Node): boolean {
  if (!(node instanceof Element)) return true;
  return !node.matches('button, input, select, textarea, [data-picture-skip]');
}

/** Draws the board as it is in `doc` and returns it as a PNG. */
export async function renderBoardPicture(doc: Y.Doc, options: PictureOptions): Promise<Blob> {
  const board = readBoard(doc);
  const settings = readSettings(doc);
  const tallies = options.showVotes ? readTallies(doc, settings.voteBudget) : null;

  const stage = document.createElement('div');
  stage.className = 'board-picture-stage';
  stage.setAttribute('aria-hidden', 'true');
  stage.inert = true;
  document.body.append(stage);
  const root = createRoot(stage);
  try {
    flushSync(() => {
      root.render(
        <BoardPicture board={board} phase={settings.phase} tallies={tallies} showAuthors={options.showAuthors} date={options.date} />,
      );
    });
    const node = stage.firstElementChild;
    if (!(node instanceof HTMLElement)) throw new Error('The board picture was not drawn');
    const { toBlob } = await import('html-to-image');
    const blob = await toBlob(node, {
      pixelRatio: PICTURE_PIXEL_RATIO,
      backgroundColor: PICTURE_BACKGROUND,
      skipFonts: true,
      width: node.scrollWidth,
      height: node.scrollHeight,
      filter: isPictureContent,
    });
    if (!blob) throw new Error('The browser made no picture');
    return blob;
  } finally {
    root.unmount();
    stage.remove();
  }
}
