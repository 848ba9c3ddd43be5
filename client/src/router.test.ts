import { describe, expect, it } from 'vitest';
import { facilitatorUrl, matchRoute, participantUrl, readKeyFromHash } from './router';

const BOARD_ID = 'AbCdEfGhIjKlMnOpQrStUv';

describe('router', () => {
  it('matches the app routes', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/join')).toEqual({ name: 'join', code: null });
    expect(matchRoute('/join/ABC234')).toEqual({ name: 'join', code: 'ABC234' });
    expect(matchRoute(`/b/${BOARD_ID}`)).toEqual({ name: 'board', boardId: BOARD_ID });
    expect(matchRoute(`/b/${BOARD_ID}/`)).toEqual({ name: 'board', boardId: BOARD_ID });
    expect(matchRoute(`/b/${BOARD_ID}/present`)).toEqual({ name: 'present', boardId: BOARD_ID });
    expect(matchRoute(`/b/short/present`)).toEqual({ name: 'not-found' });
    expect(matchRoute(`/b/${BOARD_ID}/report`)).toEqual({ name: 'report', boardId: BOARD_ID });
    expect(matchRoute(`/b/short/report`)).toEqual({ name: 'not-found' });
    expect(matchRoute('/rollup')).toEqual({ name: 'rollup' });
    expect(matchRoute('/rollup/')).toEqual({ name: 'rollup' });
  });

  it('rejects board ids that are not board ids', () => {
    expect(matchRoute('/b/../../etc')).toEqual({ name: 'not-found' });
    expect(matchRoute('/b/short')).toEqual({ name: 'not-found' });
    expect(matchRoute('/elsewhere')).toEqual({ name: 'not-found' });
  });

  it('keeps the facilitator key in the fragment, never in the path or query', () => {
    const url = facilitatorUrl(BOARD_ID, 'secret-key', 'https://verksted.example');
    expect(url).toBe(`https://verksted.example/b/${BOARD_ID}#key=secret-key`);
    expect(readKeyFromHash(new URL(url).hash)).toBe('secret-key');
    expect(participantUrl(BOARD_ID, 'https://verksted.example')).toBe(`https://verksted.example/b/${BOARD_ID}`);
    expect(readKeyFromHash('')).toBeNull();
    expect(readKeyFromHash('#other=1')).toBeNull();
  });
});
