import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startFakeOpenAiServer, type FakeServer } from '../helpers/fake-openai-server.js';
import { cli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chipreg-kit-ss-'));
const prompts = join(dir, 'prompts.jsonl');
// Every answer is 11 words: 11 content deltas, usage.completion_tokens 11.
writeFileSync(prompts, '{"id":"a","lang":"en","prompt":"one"}\n{"id":"b","lang":"zh","prompt":"二"}\n');
const answer = () => 'w '.repeat(11).trim();
const servers: FakeServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function singleStream(server: FakeServer, extra: string[] = []) {
  const r = await cli([
    'kit',
    'single-stream',
    '--endpoint',
    server.url,
    '--model',
    'edge-model',
    '--prompts',
    prompts,
    '--json',
    ...extra,
  ]);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : null };
}

describe('chipreg kit single-stream', () => {
  it('measures injected first-token delays within 10% and prints one v2 single-stream operating point', async () => {
    const s = await startFakeOpenAiServer({ answer, firstTokenDelayMs: 600, tokenDelayMs: 20 });
    servers.push(s);
    const out = join(dir, 'requests.jsonl');
    const { code, report, stderr } = await singleStream(s, ['--requests', '4', '--warmup', '1', '--out', out]);
    assert.equal(code, 0, stderr);
    const p = report.operatingPoint;
    assert.equal(p.scenario, 'single-stream');
    assert.equal(p.concurrency, 1);
    assert.equal(p.streaming, true);
    assert.deepEqual(p.tool.name, 'chipreg-kit');
    assert.match(p.tool.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(p.requests, { total: 4, succeeded: 4, failed: 0 });
    assert.equal(s.requests.length, 5, 'one warm-up request and four measured, one at a time');
    // TTFT never undercounts, and the least disturbed request (timers and a busy scheduler only ever add
    // delay) is within 10% of the injected delay; p90 is the nearest-rank p90 of the recorded requests.
    const ttft = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).ttftMs as number)
      .sort((a, b) => a - b);
    assert.ok(ttft[0]! >= 600 && ttft[0]! <= 660, `ttft ${ttft} ms for an injected 600 ms`);
    assert.equal(p.latencyMs.ttft.p90, Math.round(ttft[3]! * 10) / 10);
    assert.ok(p.latencyMs.ttft.p50 >= 600);
    // 10 decode intervals of 20 ms: 50 tokens/s at most; timers only ever add delay.
    assert.ok(p.decodeTokensPerSecond > 0 && p.decodeTokensPerSecond <= 50, `decode ${p.decodeTokensPerSecond}`);
    assert.ok(p.latencyMs.tpot.p50 >= 20, `tpot ${p.latencyMs.tpot.p50}`);
    assert.equal(p.output.meanTokens, 11);
    assert.match(report.tokenCounting, /usage\.completion_tokens/);
    assert.equal(ttft.length, 4);
    assert.match(report.outputs.artifact.sha256, /^[0-9a-f]{64}$/);
    assert.equal(report.outputs.artifact.kind, 'results');
  });

  it('counts failed requests without crashing; nothing measured means no latency figures at all', async () => {
    const s = await startFakeOpenAiServer({ faults: { one: { kind: 'http-500' }, 二: { kind: 'http-500' } } });
    servers.push(s);
    const { code, report, stderr } = await singleStream(s, ['--requests', '2', '--warmup', '0']);
    assert.equal(code, 1);
    assert.match(stderr, /no request succeeded/);
    assert.deepEqual(report.operatingPoint.requests, { total: 2, succeeded: 0, failed: 2 });
    assert.equal('latencyMs' in report.operatingPoint, false, 'unmeasured means absent, never 0');
    assert.equal('decodeTokensPerSecond' in report.operatingPoint, false);
    assert.equal(report.failures[0].kind, 'http');
  });
});
