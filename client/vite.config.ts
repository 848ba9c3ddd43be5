/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The server the dev proxy forwards `/api` and `/ws` to (`pnpm --filter @verksted/server dev`). */
const DEV_SERVER_ORIGIN = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // One Yjs copy in the bundle even if a dependency resolves another (TOOLCHAIN gotcha 13).
  resolve: { dedupe: ['yjs'] },
  server: {
    proxy: {
      '/api': { target: DEV_SERVER_ORIGIN },
      '/ws': { target: DEV_SERVER_ORIGIN.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    sourcemap: true,
    // dist/.vite/manifest.json: scripts/bundle-report.mjs follows it to size the first download.
    manifest: true,
    rolldownOptions: {
      output: {
        // Everything the first page loads that lazy pages use too goes into one "common" chunk,
        // rather than one small chunk per combination of lazy pages that share it.
        codeSplitting: { groups: [{ name: 'common', tags: ['$initial'], minShareCount: 2 }] },
        // V8's explicit compile hint: Chromium compiles every function of the drag-and-drop chunk
        // when the chunk loads (in the idle moment after a board shows) rather than on the first
        // drag, whose pick-up it slowed by some 25 ms on a 4× slowed CPU. Other engines ignore it.
        postBanner: (chunk) => (chunk.name === 'BoardKit' ? '//# allFunctionsCalledOnLoad' : ''),
        // Lazy pages keep their names; the chunk of code the first page and the lazy pages share
        // is called "common" (not after whichever module came first in it).
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/qrcode/')
            ? 'assets/qrcode-[hash].js'
            : chunk.facadeModuleId?.includes('/html-to-image/')
              ? 'assets/html-to-image-[hash].js'
              : chunk.isDynamicEntry
              ? 'assets/[name]-[hash].js'
              : 'assets/common-[hash].js',
      },
    },
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
