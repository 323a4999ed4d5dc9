import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultPromptSetPath, parsePromptSet } from '../../src/kit/prompt-set.js';
import { startFakeOpenAiServer, type Fault, type FakeServerOptions } from '../helpers/fake-openai-server.js';
import { cli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chipreg-kit-'));
let n = 0;
const outFile = () => join(dir, `run-${++n}.jsonl`);
const set = parsePromptSet(readFileSync(defaultPromptSetPath(), 'utf8'), defaultPromptSetPath());
const prompt = (id: string) => set.prompts.find((p) => p.id === id)!.prompt;
/** Ten prompts of the shipped set (five English, five Chinese): the fault specs need no more, and stay fast. */
const subset = join(dir, 'subset.jsonl');
writeFileSync(
  subset,
  set.prompts
    .filter((p) => /-00[1-5]$/.test(p.id))
    .map((p) => JSON.stringify(p) + '\n')
    .join(''),
);

const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function server(options: FakeServerOptions = {}) {
  const s = await startFakeOpenAiServer(options);
  servers.push(s);
  return s;
}

interface Report {
  functional: Record<string, number> & { tool?: { name: string; version: string; command: string } };
  counts: Record<string, number>;
  details: Record<string, Array<unknown>>;
  timing: { ttftMs?: { p50: number; p90: number } };
  reference?: Record<string, unknown>;
  definitions: Record<string, string>;
  outputs: { file: string; artifact: { kind: string; uri: string; sha256: string } };
}

async function functional(url: string, extra: string[] = [], out = outFile()) {
  const r = await cli(['kit', 'functional', '--endpoint', url, '--model', 'm', '--out', out, '--json', ...extra]);
  return { ...r, out, report: r.stdout ? (JSON.parse(r.stdout) as Report) : null };
}

/** What a clean run of the shipped 120-prompt set reports; each fault spec states only its difference. */
const CLEAN_SUBSET = {
  prompts: 10,
  completed: 10,
  crashes: 0,
  nanOrInf: 0,
  emptyOutputs: 0,
  consistency: 1,
  garbled: 0,
  timeouts: 0,
  httpErrors: 0,
  retries: 0,
};
const CLEAN = { ...CLEAN_SUBSET, prompts: 120, completed: 120 };
const NO_DETAILS = {
  failed: 0,
  crashed: 0,
  empty: 0,
  garbled: 0,
  nanOrInf: 0,
  firstTokenMismatches: 0,
  textAfterEnd: 0,
  tokenCountMismatches: 0,
};
/** The figures of a report: the v2 section without its tool, and the kit's own counts. */
const figures = (r: Report) => {
  const { tool, ...section } = r.functional;
  assert.equal(tool?.name, 'chipreg-kit');
  return { ...section, ...r.counts };
};
const detailCounts = (r: Report) =>
  Object.fromEntries(Object.entries(r.details).map(([k, v]) => [k, v.length])) as typeof NO_DETAILS;

describe('chipreg kit functional', () => {
  it('runs the shipped set streamed and non-streamed, records every answer, and reports a clean endpoint as clean', async () => {
    const s = await server();
    const { code, report, out, stderr } = await functional(s.url);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /prompts: 120\/120/, 'progress: one plain line when stderr is not a terminal');
    assert.deepEqual(figures(report!), CLEAN);
    assert.deepEqual(detailCounts(report!), NO_DETAILS);
    assert.equal('referenceMatch32' in report!.functional, false, 'unmeasured means absent');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines.length, 121, 'a header and one line per prompt');
    assert.equal(JSON.parse(lines[0]!).promptSet.sha256, set.sha256);
    assert.equal(report!.outputs.artifact.sha256, createHash('sha256').update(readFileSync(out)).digest('hex'));
    assert.equal(report!.outputs.artifact.kind, 'results');
    assert.equal(s.requests.length, 240);
    const streamed = s.requests.filter((r) => r.body.stream === true);
    assert.equal(streamed.length, 120);
    for (const r of s.requests) {
      assert.equal(r.path, '/v1/chat/completions');
      assert.equal(r.body.temperature, 0);
      assert.equal(r.body.max_tokens, 64);
      assert.equal(r.body.seed, 0);
    }
    assert.match(report!.definitions.garbled!, /U\+FFFD/);
    assert.match(report!.definitions.tokenCounting!, /Intl\.Segmenter/);
  });

  const retries = 1;
  const cases: Array<{
    name: string;
    fault: Fault;
    functional: Partial<typeof CLEAN>;
    details: Partial<typeof NO_DETAILS>;
    /** Per-request limit in seconds: short only where the fault needs it, so a busy machine adds no timeouts. */
    timeout?: string;
  }> = [
    {
      name: 'a 5xx on every attempt is counted as HTTP errors and retries, and the prompt does not complete',
      fault: { kind: 'http-500' },
      functional: { completed: 9, httpErrors: 2 * (retries + 1), retries: 2 * retries },
      details: { failed: 2 },
    },
    {
      name: 'a 5xx that a retry cures is counted, and the prompt completes',
      fault: { kind: 'http-500', times: 1 },
      functional: { httpErrors: 1, retries: 1 },
      details: {},
    },
    {
      name: 'a request that never answers is a timeout, retried, and the prompt does not complete',
      fault: { kind: 'timeout' },
      timeout: '1',
      functional: { completed: 9, timeouts: 2 * (retries + 1), retries: 2 * retries },
      details: { failed: 2 },
    },
    {
      name: 'a dropped connection is a crash',
      fault: { kind: 'drop-connection' },
      functional: { completed: 9, crashes: 1, retries: 2 * retries },
      details: { failed: 2, crashed: 1 },
    },
    {
      name: 'an empty answer is an empty output',
      fault: { kind: 'empty' },
      functional: { emptyOutputs: 1 },
      details: { empty: 1 },
    },
    {
      name: 'a streamed first token unlike the non-streamed one fails consistency',
      fault: { kind: 'first-token-mismatch' },
      functional: { consistency: 0.9 },
      details: { firstTokenMismatches: 1 },
    },
    {
      name: 'content after the finish_reason chunk fails consistency',
      fault: { kind: 'text-after-end' },
      functional: { consistency: 0.9 },
      details: { textAfterEnd: 1 },
    },
    {
      name: 'text after an end-of-sequence marker fails consistency',
      fault: { kind: 'text-after-eos-marker' },
      functional: { consistency: 0.9 },
      details: { textAfterEnd: 1 },
    },
    {
      name: 'U+FFFD and control characters are garbled',
      fault: { kind: 'garbled' },
      functional: { garbled: 1 },
      details: { garbled: 1 },
    },
    {
      name: 'a NaN answer is counted as NaN/Inf',
      fault: { kind: 'nan' },
      functional: { nanOrInf: 1 },
      details: { nanOrInf: 1 },
    },
    {
      name: 'a slow first token is no fault',
      fault: { kind: 'slow-first-token', delayMs: 300 },
      functional: {},
      details: {},
    },
  ];
  for (const c of cases) {
    it(`reports the fault and no other: ${c.name}`, async () => {
      const s = await server({ faults: { [prompt('en-003')]: c.fault } });
      const { report } = await functional(s.url, [
        '--prompts',
        subset,
        '--timeout',
        '0.5',
        '--retries',
        String(retries),
      ]);
      assert.deepEqual(figures(report!), { ...CLEAN_SUBSET, ...c.functional });
      assert.deepEqual(detailCounts(report!), { ...NO_DETAILS, ...c.details });
      for (const list of Object.values(report!.details))
        for (const item of list) assert.equal(typeof item === 'string' ? item : (item as { id: string }).id, 'en-003');
    });
  }

  it('measures TTFT to the first content delta: injected 500 ms first tokens are measured within 10%', async () => {
    const slow: Fault = { kind: 'slow-first-token', delayMs: 500 };
    const ids = ['en-001', 'zh-002', 'zh-003'];
    const s = await server({ faults: Object.fromEntries(ids.map((id) => [prompt(id), slow])) });
    const { out } = await functional(s.url, ['--prompts', subset]);
    const ttft = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => ids.includes(r.id))
      .map((r) => r.streamed.ttftMs as number)
      .sort((x, y) => x - y);
    assert.ok(ttft[0]! >= 500, `ttft ${ttft} never below the injected delay`);
    // Timers and a busy scheduler only ever add delay, so the least disturbed sample is the measurement.
    assert.ok(ttft[0]! <= 550, `ttft ${ttft} for an injected 500 ms`);
  });

  it('interrupted and resumed, reports exactly what an uninterrupted run reports', async () => {
    const faults: Record<string, Fault> = {
      [prompt('en-002')]: { kind: 'empty' },
      [prompt('en-004')]: { kind: 'first-token-mismatch' },
      [prompt('zh-002')]: { kind: 'http-500' },
    };
    const whole = await functional((await server({ faults })).url, ['--prompts', subset, '--retries', '0']);

    const out = outFile();
    const interrupting = await server({ faults, onRequest: (count) => count === 9 && process.emit('SIGINT') });
    const first = await functional(interrupting.url, ['--prompts', subset, '--retries', '0'], out);
    assert.equal(first.code, 130);
    assert.match(first.stderr, /--resume/);
    assert.ok(first.report!.functional.prompts! < 10);
    appendFileSync(out, '{"type":"result","id":"zh-00'); // a line cut by the interrupt
    const resumed = await functional(
      await server({ faults }).then((s) => s.url),
      ['--prompts', subset, '--retries', '0', '--resume'],
      out,
    );
    assert.equal(resumed.code, 0, resumed.stderr);

    assert.deepEqual(figures(resumed.report!), figures(whole.report!));
    assert.deepEqual(resumed.report!.details, whole.report!.details);
    const ids = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l).id);
    assert.deepEqual(ids.length, 10);
    assert.equal(new Set(ids).size, 10, 'no prompt answered twice');
  });

  it('computes agreement with the reference platform on the first 32 tokens', async () => {
    const long = (p: string) => `${'word '.repeat(40)}${p}`;
    const differs = new Set([prompt('en-001'), prompt('zh-001')]);
    const late = prompt('en-002');
    const s = await server({
      answer: (p) =>
        differs.has(p) ? `Different ${p}` : p === late ? long('late difference') : `Answer to ${p.slice(0, 24)} is 42.`,
    });
    // The reference answered en-002 with a long text too, differing only after token 40.
    const ref = await functional(
      (await server({ answer: (p) => (p === late ? long('other ending') : `Answer to ${p.slice(0, 24)} is 42.`) })).url,
      ['--prompts', subset],
    );
    const { report, code } = await functional(s.url, ['--prompts', subset, '--reference', ref.out]);
    assert.equal(code, 0);
    assert.equal(report!.functional.referenceMatch32, 0.8);
    assert.deepEqual(report!.reference!.mismatches, ['en-001', 'zh-001']);
    assert.equal(report!.reference!.comparedBySegmenter, 10);
    assert.match(String(report!.reference!.tokenCounting), /Intl\.Segmenter/);
  });

  it('compares token ids when both runs have them (--token-ids), and says so', async () => {
    const ref = await functional((await server()).url, ['--prompts', subset, '--token-ids']);
    const s = await server({
      answer: (p) => (p === prompt('zh-004') ? 'Other' : `Answer to ${p.slice(0, 24)} is 42.`),
    });
    const { report } = await functional(s.url, ['--prompts', subset, '--token-ids', '--reference', ref.out]);
    assert.ok(s.requests.every((r) => r.body.return_token_ids === true));
    assert.equal(report!.functional.referenceMatch32, 0.9);
    assert.deepEqual(report!.reference!.mismatches, ['zh-004']);
    assert.equal(report!.reference!.comparedByTokenIds, 10);
    assert.equal(report!.functional.consistency, 1, 'usage agrees with the token ids, first ids agree');
  });

  it('prints a readable summary with the section to paste without --json', async () => {
    const s = await server({ faults: { [prompt('zh-001')]: { kind: 'http-500' } } });
    const r = await cli([
      'kit',
      'functional',
      '--endpoint',
      s.url,
      '--model',
      'm',
      '--prompts',
      subset,
      '--retries',
      '0',
      '--out',
      outFile(),
    ]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /prompts 10 {2}completed 9 {2}crashes 0/);
    assert.match(r.stdout, /failed zh-001 \(streamed\): http HTTP 500/);
    assert.match(r.stdout, /evidence\.functional:\n\{\n {2}"prompts": 10/);
  });

  it('talks to /v1/completions with --api completions', async () => {
    const s = await server();
    const { report, code } = await functional(s.url, ['--prompts', subset, '--api', 'completions']);
    assert.equal(code, 0);
    assert.deepEqual(figures(report!), CLEAN_SUBSET);
    assert.ok(s.requests.every((r) => r.path === '/v1/completions' && typeof r.body.prompt === 'string'));
  });

  it('refuses what it cannot run, with a readable message and exit 2', async () => {
    const s = await server();
    const done = await functional(s.url, ['--prompts', subset]);
    const again = await functional(s.url, [], done.out);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists; pass --resume/);
    const otherModel = await cli([
      'kit',
      'functional',
      '--endpoint',
      s.url,
      '--model',
      'other',
      '--out',
      done.out,
      '--resume',
    ]);
    assert.equal(otherModel.code, 2);
    assert.match(otherModel.stderr, /model "m", this run asks for "other"/);
    const bad = await cli(['kit', 'functional', '--endpoint', 'not a url', '--model', 'm']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a URL/);
    const badNumber = await cli(['kit', 'functional', '--endpoint', s.url, '--model', 'm', '--max-tokens', '0']);
    assert.equal(badNumber.code, 2);
    const otherSet = join(dir, 'other-set.jsonl');
    writeFileSync(otherSet, '{"id":"x","lang":"en","prompt":"Hi"}\n');
    const refMismatch = await cli([
      'kit',
      'functional',
      '--endpoint',
      s.url,
      '--model',
      'm',
      '--prompts',
      otherSet,
      '--reference',
      done.out,
      '--out',
      outFile(),
    ]);
    assert.equal(refMismatch.code, 2);
    assert.match(refMismatch.stderr, /prompt set/);
    const missingFile = await cli([
      'kit',
      'functional',
      '--endpoint',
      s.url,
      '--model',
      'm',
      '--prompts',
      join(dir, 'nope.jsonl'),
    ]);
    assert.equal(missingFile.code, 2);
    assert.match(missingFile.stderr, /--prompts .*nope\.jsonl: file not found/);
    const directory = await cli([
      'kit',
      'functional',
      '--endpoint',
      s.url,
      '--model',
      'm',
      '--reference',
      dir,
      '--out',
      outFile(),
    ]);
    assert.equal(directory.code, 2);
    assert.match(directory.stderr, /is not a regular file/);
  });

  it('an endpoint that refuses every connection is reported, not a crash of the kit (exit 1)', async () => {
    const s = await server();
    await s.close();
    const small = join(dir, 'small-set.jsonl');
    writeFileSync(small, '{"id":"a","lang":"en","prompt":"Hi"}\n{"id":"b","lang":"zh","prompt":"你好"}\n');
    const { code, report, stderr } = await functional(s.url, ['--prompts', small, '--retries', '0']);
    assert.equal(code, 1);
    assert.match(stderr, /no prompt completed/);
    assert.equal(report!.functional.crashes, 2);
    assert.equal(report!.functional.completed, 0);
    assert.equal(report!.functional.consistency, undefined);
  });
});
