import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UnreadableToolOutputError } from '../../src/errors.js';
import { importToolOutput } from '../../src/evidence/import-tool-output.js';
import { importJson } from '../helpers/import-json.js';
import { cli } from '../helpers/run-cli.js';

/**
 * Specification: MLPerf LoadGen's `mlperf_log_detail.txt` (`:::MLLOG` records; real files of
 * MLPerf Inference v4.1, test/fixtures/tool-outputs/README.md) imports into the same operating point as
 * the summary of the same run, with what only the detail log says: the LoadGen version and the query count.
 */

const real = (path: string) => new URL(`../fixtures/tool-outputs/mlperf-loadgen/${path}`, import.meta.url).pathname;
const SERVER = real('llama2-70b-server-h100x8-mlperf_log_detail.txt');
const OFFLINE = real('llama2-70b-offline-h100x8-mlperf_log_detail.txt');
const dir = mkdtempSync(join(tmpdir(), 'chipreg-mllog-'));

async function point(path: string) {
  const fragment = await importJson(path);
  return { fragment, point: fragment.performance.points[0] };
}

const decimals = (n: number) => String(n).split('.')[1]?.length ?? 0;

/**
 * Every number of `part` is the same number in `whole`; `printed`: as far as both print it (the
 * summary prints two decimals, the detail log six significant digits: 21605.79 and 21605.8).
 */
function within(part: Record<string, unknown>, whole: Record<string, unknown>, printed = false, at = '') {
  for (const [key, value] of Object.entries(part)) {
    if (value !== null && typeof value === 'object')
      within(value as Record<string, unknown>, whole[key] as Record<string, unknown>, printed, `${at}/${key}`);
    else if (key === 'version') continue;
    else if (printed && typeof value === 'number') {
      const other = whole?.[key] as number;
      const tolerance = 0.5 * 10 ** -Math.min(decimals(value), decimals(other)) + 1e-9;
      assert.ok(Math.abs(other - value) <= tolerance, `${at}/${key}: ${value} and ${other}`);
    } else assert.equal(whole?.[key], value, `${at}/${key}`);
  }
}

describe('mlperf_log_detail.txt', () => {
  it('Server: scenario, target QPS, throughput, TTFT and TPOT in ms, the LoadGen version and query count', async () => {
    const { fragment, point: p } = await point(SERVER);
    assert.equal(fragment.format, 'mlperf-loadgen-detail');
    assert.deepEqual(fragment.warnings, []);
    assert.deepEqual(p.tool, { name: 'mlperf-loadgen', version: '4.1' });
    assert.equal(p.scenario, 'server');
    assert.equal(p.requestRate, 75);
    assert.deepEqual(p.requests, { total: 196608 });
    assert.deepEqual(p.throughput, { requestsPerSecond: 74.4245, outputTokensPerSecond: 21605.8 });
    assert.deepEqual(p.latencyMs.ttft, {
      mean: 275.92644,
      p50: 272.954995,
      p90: 372.923186,

      p99: 461.278089,
    });
    assert.deepEqual(p.latencyMs.tpot, {
      mean: 154.960329,
      p50: 156.419276,
      p90: 165.773495,

      p99: 175.354317,
    });
    assert.equal(p.latencyMs.e2e.p99, 144812.821227);
  });

  it('says everything the summary of the same run says, with the same numbers as far as the summary prints them', async () => {
    for (const [detail, summary] of [
      [SERVER, real('llama2-70b-server-h100x8-mlperf_log_summary.txt')],
      [OFFLINE, real('llama2-70b-offline-h100x8-mlperf_log_summary.txt')],
    ] as const) {
      within((await point(summary)).point, (await point(detail)).point, true);
    }
    const offline = (await point(OFFLINE)).point;
    assert.equal(offline.scenario, 'offline');
    assert.equal('requestRate' in offline, false, 'Offline target_qps is an expectation, not a rate');
  });

  it('a cut-off or damaged log is an error naming the known formats, never a partial point', async () => {
    const text = readFileSync(SERVER, 'utf8');
    const cutMidRecord = join(dir, 'cut.txt');
    writeFileSync(cutMidRecord, text.slice(0, text.length - 40));
    const cut = await cli(['evidence', 'import', cutMidRecord, '--json']);
    assert.notEqual(cut.code, 0);
    assert.equal(cut.stdout, '');
    assert.match(cut.stderr, /line \d+ is not a whole :::MLLOG record \(is the log cut off\?\)/);
    assert.match(cut.stderr, /mlperf-loadgen-summary/, 'names the formats chipreg knows');
    const beforeResults = join(dir, 'no-result.txt');
    writeFileSync(beforeResults, text.slice(0, text.indexOf(':::MLLOG {"key": "result_validity"')));
    const unfinished = await cli(['evidence', 'import', beforeResults, '--json']);
    assert.notEqual(unfinished.code, 0);
    assert.match(unfinished.stderr, /holds no result \(result_validity\): the run did not finish/);
  });

  it('property: the log cut anywhere imports the full numbers it still holds, or is refused', () => {
    const text = readFileSync(SERVER, 'utf8');
    const full = importToolOutput(Buffer.from(text), 'full').performance!.points[0]!;
    fc.assert(
      fc.property(fc.nat({ max: text.length }), (cut) => {
        try {
          const [p] = importToolOutput(Buffer.from(text.slice(0, cut)), 'cut').performance!.points;
          within(p as unknown as Record<string, unknown>, full as unknown as Record<string, unknown>);
        } catch (error) {
          if (!(error instanceof UnreadableToolOutputError)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });
});
