import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runLoad, type Workload } from './measure.js';
import { startChipreg, uncachedMatrix, type SuiteContext } from './suite.js';
import { withCursors } from './workloads.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Where a frame's code lives: a package, a chipreg source file, Node's internals or V8. */
function area(url: string, root: string): string {
  if (!url) return '(V8: gc, program, native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const path = url.replace(/^file:\/\//, '');
  return relative(root, path).replace(/^bench\/results\/compiled\//, '');
}

/** Self time by area and by function, inclusive time by area and of chipreg's own functions, in percent of busy samples. */
export function summariseProfile(file: string, root: string, top = 12): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const inclusiveArea = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const samples = profile.samples.filter((id) => byId.get(id)!.callFrame.functionName !== '(idle)');
  for (const leaf of samples) {
    const frame = byId.get(leaf)!.callFrame;
    const where = area(frame.url, root);
    bump(self, where);
    bump(selfFn, `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      const at = area(f.url, root);
      const key = `${f.functionName || '(anonymous)'} ${at}:${f.lineNumber + 1}`;
      if (!seen.has(at)) (seen.add(at), bump(inclusiveArea, at));
      if (at.startsWith('src/') && !seen.has(key)) (seen.add(key), bump(inclusive, key));
    }
  }
  const table = (title: string, m: Map<string, number>) => [
    title,
    ...[...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, n]) => `  ${((100 * n) / samples.length).toFixed(1).padStart(5)}%  ${k}`),
  ];
  return [
    `${samples.length} busy samples in ${file}`,
    ...table('self time by area', self),
    ...table('self time by function', selfFn),
    ...table('inclusive time by area (on the stack)', inclusiveArea),
    ...table('inclusive time, chipreg functions', inclusive),
  ];
}

/** Runs one workload against a chipreg started with --cpu-prof and prints where its CPU time went. */
export async function profileWorkload(ctx: SuiteContext, name: string): Promise<string[]> {
  const dir = join(ctx.root, 'bench', 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const server = await startChipreg(ctx, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    const w = ctx.workloads;
    const workloads: Record<string, () => Promise<Workload>> = {
      compatibility: async () => w.compatibility,
      search: async () => w.search,
      validate: async () => w.validate,
      list: async () => ({ ...w.list, paths: await withCursors(server.origin, ctx.listFirstPages) }),
    };
    if (name === 'matrix') await uncachedMatrix(ctx, server, ctx.matrixSamples);
    else if (workloads[name]) await runLoad(server.origin, await workloads[name](), ctx.load);
    else throw new Error(`--profile: one of ${[...Object.keys(workloads), 'matrix'].join(', ')}`);
  } finally {
    await server.stop();
  }
  const written = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (written.length !== 1) throw new Error(`bench: expected one new profile in ${dir}, found ${written.length}`);
  return summariseProfile(join(dir, written[0]!), ctx.root);
}
