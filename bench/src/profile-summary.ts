/**
 * Summarises a V8 .cpuprofile (from `--cpu-prof`): self and total time per function, optionally
 * only for samples in a time range (ms from the profile's start).
 *
 *   npx tsx src/profile-summary.ts profiles/<run>/<scenario>/*.cpuprofile [--top 30] [--from ms --to ms] [--match text]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function label(n: Node): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/.*\/work\/main\//, '') : '';
  return `${functionName || '(anonymous)'} ${file ? `${path.basename(path.dirname(file))}/${path.basename(file)}:${lineNumber + 1}` : ''}`.trim();
}

const argv = process.argv.slice(2);
const files: string[] = [];
let top = 30;
let from = -Infinity;
let to = Infinity;
let match: string | null = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--top') top = Number(argv[++i]);
  else if (a === '--from') from = Number(argv[++i]);
  else if (a === '--to') to = Number(argv[++i]);
  else if (a === '--match') match = argv[++i]!;
  else files.push(a);
}

for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let t = 0;
  let sum = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]! / 1000;
    if (t < from || t > to) continue;
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i]!) / 1000;
    const node = byId.get(p.samples[i]!)!;
    const name = label(node);
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    if (match) {
      // Only samples whose stack contains `match`.
      let cur: number | undefined = node.id;
      let found = false;
      while (cur !== undefined) {
        if (label(byId.get(cur)!).includes(match)) {
          found = true;
          break;
        }
        cur = parent.get(cur);
      }
      if (!found) continue;
    }
    sum += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    let cur: number | undefined = node.id;
    while (cur !== undefined) {
      const l = label(byId.get(cur)!);
      if (!seen.has(l)) {
        total.set(l, (total.get(l) ?? 0) + dt);
        seen.add(l);
      }
      cur = parent.get(cur);
    }
  }
  const wall = (p.endTime - p.startTime) / 1000;
  process.stdout.write(`\n${file}\n  profile ${wall.toFixed(0)} ms, busy ${sum.toFixed(0)} ms, idle ${idle.toFixed(0)} ms${match ? ` (stacks containing "${match}")` : ''}\n`);
  process.stdout.write('  self ms   total ms  function\n');
  const rows = [...total.entries()].sort((a, b) => b[1] - a[1]);
  const selfRows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ms] of selfRows) process.stdout.write(`  ${ms.toFixed(1).padStart(7)}  ${(total.get(name) ?? 0).toFixed(1).padStart(8)}  ${name}\n`);
  process.stdout.write('  -- by total time --\n');
  for (const [name, ms] of rows.slice(0, top)) process.stdout.write(`  ${(self.get(name) ?? 0).toFixed(1).padStart(7)}  ${ms.toFixed(1).padStart(8)}  ${name}\n`);
}
