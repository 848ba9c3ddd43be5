/**
 * fdatasync latency of the disk our server's DATA_DIR is on: 200-byte appends, each followed by
 * fdatasync, every 10 ms. Our server cannot relay faster than this (the durability rule), so the
 * report shows it next to the latency figures.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { percentile, sleep } from './stats.js';

export interface FsyncProbe {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export async function probeFsync(seconds: number): Promise<FsyncProbe> {
  const dir = await mkdtemp(path.join(process.env.BENCH_DATA_PARENT ?? os.tmpdir(), 'verksted-fsync-'));
  const fh = await open(path.join(dir, 'probe.bin'), 'a');
  const lat: number[] = [];
  const buf = Buffer.alloc(200, 7);
  try {
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      const t = performance.now();
      await fh.write(buf);
      await fh.datasync();
      lat.push(performance.now() - t);
      await sleep(10);
    }
  } finally {
    await fh.close();
    await rm(dir, { recursive: true, force: true });
  }
  lat.sort((a, b) => a - b);
  return { samples: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1]! };
}
