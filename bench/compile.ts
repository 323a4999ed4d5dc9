import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const BASELINES = ['bench/baseline-express.ts', 'bench/baseline-http.ts', 'bench/fixed-body.ts'];

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/**
 * Plain JavaScript of src/ and the baselines, so every measured server runs as `node file.js`
 * with no loader in its memory or start-up (as `npm start` runs dist/). Each file is transpiled
 * alone (no type check: `npm test` does that) into bench/results/compiled, under the package root,
 * so packages, package.json and data/ resolve as from dist/.
 */
export function compileForBench(root: string): string {
  // In this checkout's git-ignored bench/results, not in node_modules (which worktrees may share, so
  // two checkouts compiling at once would remove each other's files).
  const out = join(root, 'bench', 'results', 'compiled');
  rmSync(out, { recursive: true, force: true });
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.ES2022,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
  };
  for (const file of [...walk(join(root, 'src')), ...BASELINES.map((f) => join(root, f))]) {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions,
      fileName: file,
      reportDiagnostics: true,
    });
    if (diagnostics?.length)
      throw new Error(
        `bench: cannot transpile ${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`,
      );
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return out;
}
