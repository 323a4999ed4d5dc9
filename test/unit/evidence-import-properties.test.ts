import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UnreadableToolOutputError } from '../../src/errors.js';
import { formatNames } from '../../src/evidence/formats.js';
import { importChecked } from '../../src/evidence/import-file.js';
import { createSchemaRegistry } from '../../src/schemas/schema-registry.js';

const schemas = createSchemaRegistry();
const root = new URL('../fixtures/tool-outputs/', import.meta.url).pathname;
const realFiles = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(root, dir.name)).map((name) => readFileSync(join(root, dir.name, name), 'utf8')));

/** The property of every importer: a schema-valid fragment, or the one typed error; nothing else, ever. */
function importsOrRefuses(text: string, format?: string, model?: string): boolean {
  try {
    const fragment = importChecked(Buffer.from(text), 'input.txt', schemas, { format, model });
    assert.deepEqual(schemas.validate('evidence-fragment.v1.schema.json', fragment), []);
    return true;
  } catch (error) {
    if (error instanceof UnreadableToolOutputError) return true;
    throw error;
  }
}

/** Text that looks like tool output: table frames, numbers with units, keys the importers look for. */
const toolish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '============ Serving Benchmark Result ============',
        '==================================================',
        'Benchmarking summary:',
        'Percentile results:',
        'MLPerf Results Summary',
        'No errors encountered during test.',
        'Scenario : Server',
        'Mode     : PerformanceOnly',
        'Metric,avg,min,max,p99,p90,p50',
        'Metric,Value',
        'dataset    version    metric    mode      m',
        '---------  ---------  --------  ------  ---',
        '[x] [ais_bench] [INFO] Performance Results of task: a/b:',
        '| Model | Dataset | Metric | Subset | Num | Score |',
        '+-------+---------+--------+--------+-----+-------+',
        '│ TTFT (ms) │ 1,234.5 ms │',
        '└───┘',
        '╘═══╛',
        '{"completed": 1, "duration": -3, "request_throughput": "x"}',
        ':::MLLOG {"key": "effective_scenario", "value": "Server", "metadata": {"is_error": false}}',
        ':::MLLOG {"key": "result_validity", "value": "VALID"}',
        ':::MLLOG {"key": "result_first_token_99.00_percentile_latency_ns", "value": "x"}',
        ':::MLLOG {"key": "result_completed_tokens_per_second", "value": 1e400}',
      ),
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('Successful requests', 'Mean TTFT (ms)', 'Succeed requests', 'Time taken for tests'),
          fc.oneof(fc.double(), fc.string()),
        )
        .map(([key, value]) => `${key}: ${value}`),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

describe('evidence importers on arbitrary input', () => {
  it('arbitrary text, detected or forced into any format, never throws anything but the typed import error', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), toolish),
        fc.option(fc.constantFrom(...formatNames())),
        (text, format) => importsOrRefuses(text, format ?? undefined),
      ),
      { numRuns: 400 },
    );
  });

  it('real outputs with random cuts, insertions and replacements still import cleanly or are refused', () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...realFiles),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat({ max: 40 }),
            fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('-', '9', ',', '│', '\n', '%', 'ms')),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      )
      .map(([text, edits]) =>
        edits.reduce((t, [at, length, insert]) => {
          const i = at % (t.length + 1);
          return t.slice(0, i) + insert + t.slice(i + length);
        }, text),
      );
    fc.assert(
      fc.property(mutated, fc.constantFrom(undefined, 'qwen1.5-7b-chat-hf'), (text, model) =>
        importsOrRefuses(text, undefined, model),
      ),
      { numRuns: 400 },
    );
  });
});
