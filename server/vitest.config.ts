import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Relay tests wait for fsyncs and real sockets; on a busy 2-core machine a second can pass.
    expect: { poll: { timeout: 5000, interval: 10 } },
    testTimeout: 15_000,
  },
});
