import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requestHash } from '../../src/domain/request-hash.js';
import { cli } from '../helpers/run-cli.js';
import { schemas, startTestApp, type TestApp } from '../helpers/test-app.js';

const real = (path: string) => new URL(`../fixtures/tool-outputs/${path}`, import.meta.url).pathname;
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'chipreg-assemble-'));
const db = join(dir, 'none.db');

const VLLM = real('vllm-bench-serve/qwen2.5-0.5b-c50-printed.txt');
const MLPERF = real('mlperf-loadgen/llama2-70b-server-h100x8-mlperf_log_summary.txt');
const LM_EVAL = real('lm-eval-harness/cpu_regression_expected.json');

const description = join(dir, 'deployment.yaml');
writeFileSync(
  description,
  `# what the vendor writes by hand
claimedLevel: L3
submitter:
  organization: huawei
  contact: ascend-cert@example.com
deployment:
  model: { id: glm-4-9b-chat, revision: v1.0 }
  chip: Ascend910B
  devices: 1
  precision: { weights: bf16, activations: bf16, kvCache: bf16 }
  form: cloud-private
  stack:
    - { kind: sdk, name: CANN, version: 8.0.0, channel: ga }
  os: openEuler 22.03
evidence:
  performance: { profile: chat-server, runs: 3, spreadPercent: 2.1 }
`,
);

async function assembled(...args: string[]) {
  const run = await cli(['evidence', 'assemble', '--db', db, '--json', ...args]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as { document: any; report: unknown; warnings: string[] };
}

describe('chipreg evidence assemble', () => {
  it('builds a v2 submission from the description and the imported tool outputs, in the order given', async () => {
    const { document, warnings } = await assembled('--description', description, VLLM, MLPERF, LM_EVAL);
    assert.equal(document.schema, 'chipreg/submission/v2');
    assert.equal(document.requirementSet, '2026.2');
    assert.deepEqual(document.submitter, { organization: 'huawei', contact: 'ascend-cert@example.com' });
    assert.equal(document.deployment.chip, 'Ascend910B');
    const { performance, accuracy } = document.evidence;
    assert.equal(performance.profile, 'chat-server', 'what the description says stays');
    assert.equal(performance.runs, 3);
    assert.deepEqual(
      performance.points.map((p: any) => [p.tool.name, p.throughput.requestsPerSecond]),
      [
        ['vllm-bench-serve', 108.08],
        ['mlperf-loadgen', 74.42],
      ],
    );
    assert.equal(accuracy.benchmarks[0].benchmark, 'arc_easy');
    assert.equal(accuracy.benchmarks[0].score, 0.3);
    assert.deepEqual(warnings, []);
  });

  it('attaches every raw file as an artifact with the SHA-256 of its bytes', async () => {
    const fragmentRun = await cli(['evidence', 'import', LM_EVAL, '--json']);
    const fragment = join(dir, 'lm-eval.fragment.json');
    writeFileSync(fragment, fragmentRun.stdout);
    const env = join(dir, 'npu-smi.txt');
    writeFileSync(
      env,
      '+------------------------------------------------------------------------------------------------+\n',
    );
    const { document } = await assembled(
      '--description',
      description,
      VLLM,
      fragment,
      '--artifact',
      `environment:${env}`,
      '--artifact-base',
      'https://evidence.example.com/run-7',
    );
    assert.deepEqual(document.evidence.artifacts, [
      {
        kind: 'results',
        uri: 'https://evidence.example.com/run-7/qwen2.5-0.5b-c50-printed.txt',
        sha256: sha256(VLLM),
        tool: { name: 'vllm-bench-serve' },
      },
      {
        kind: 'results',
        uri: 'https://evidence.example.com/run-7/cpu_regression_expected.json',
        // A fragment carries the hash of the raw file it was imported from, not its own.
        sha256: sha256(LM_EVAL),
        tool: { name: 'lm-evaluation-harness' },
      },
      {
        kind: 'environment',
        uri: 'https://evidence.example.com/run-7/npu-smi.txt',
        sha256: sha256(env),
      },
    ]);
    const local = await assembled('--description', description, VLLM);
    assert.equal(local.document.evidence.artifacts[0].uri, 'file:qwen2.5-0.5b-c50-printed.txt');
  });

  it('flags describe the deployment too, and win over the file', async () => {
    const { document } = await assembled(
      '--description',
      description,
      '--chip',
      'Ascend910B3',
      '--devices',
      '8',
      '--weights',
      'int8',
      '--quant-method',
      'smoothquant',
      '--stack',
      'sdk:CANN@8.1.RC1:rc',
      '--stack',
      'engine:vllm-ascend@0.9.1',
      VLLM,
    );
    assert.equal(document.deployment.chip, 'Ascend910B3');
    assert.equal(document.deployment.devices, 8);
    assert.deepEqual(document.deployment.precision, {
      weights: 'int8',
      activations: 'bf16',
      kvCache: 'bf16',
      method: 'smoothquant',
    });
    assert.deepEqual(document.deployment.stack, [
      { kind: 'sdk', name: 'CANN', version: '8.1.RC1', channel: 'rc' },
      { kind: 'engine', name: 'vllm-ascend', version: '0.9.1' },
    ]);
    assert.equal(document.deployment.os, 'openEuler 22.03');
  });

  it('leaves out what nobody measured: no accuracy section without scores, no invented numbers', async () => {
    const { document } = await assembled('--description', description, VLLM);
    assert.equal('accuracy' in document.evidence, false);
    assert.equal('functional' in document.evidence, false);
    assert.deepEqual(Object.keys(document.evidence), ['performance', 'artifacts']);
  });

  it('warns about what a reviewer would ask: another model in a tool output, a run where nothing succeeded', async () => {
    const { warnings } = await assembled(
      '--description',
      description,
      '--column',
      'qwen1.5-14b-chat-hf',
      real('opencompass/quality-qwen1.5-summary-printed.txt'),
      real('evalscope-perf/issue-1231-benchmark_summary-failed.json'),
      real('evalscope-eval/basic-usage-report-printed.txt'),
    );
    assert.deepEqual(warnings, [
      'issue-1231-benchmark_summary-failed.json: operating point 1: no request succeeded',
      'quality-qwen1.5-summary-printed.txt names model "qwen1.5-14b-chat-hf", the deployment "glm-4-9b-chat"',
      'basic-usage-report-printed.txt names model "Qwen2.5-0.5B-Instruct", the deployment "glm-4-9b-chat"',
    ]);
  });

  it('prints the document on stdout and the report on stderr, or writes it with --out', async () => {
    const run = await cli(['evidence', 'assemble', '--db', db, '--description', description, VLLM]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).schema, 'chipreg/submission/v2');
    assert.match(run.stderr, /^submission: /);
    const out = join(dir, 'submission.json');
    const written = await cli(['evidence', 'assemble', '--db', db, '--description', description, VLLM, '--out', out]);
    assert.equal(written.code, 0);
    assert.match(written.stdout, new RegExp(`written to ${out}`));
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).evidence.performance.points.length, 1);
  });

  it('reports what it can check: the v2 level report once submission v2 exists, the fragments until then', async () => {
    const { report } = await assembled('--description', description, VLLM);
    if (schemas.files.has('submission.v2.schema.json')) {
      assert.deepEqual(schemas.validate('responses/validation-report.v1.schema.json', report), []);
    } else {
      assert.equal(report, null);
      const run = await cli(['evidence', 'assemble', '--db', db, '--description', description, VLLM]);
      assert.match(run.stderr, /not validated: this chipreg has no submission\.v2\.schema\.json yet/);
    }
  });

  it('refuses damaged input, bad fragments and bad flags without printing a document', async () => {
    const damaged = join(dir, 'cut.txt');
    writeFileSync(damaged, readFileSync(VLLM, 'utf8').slice(0, 300));
    const cut = await cli(['evidence', 'assemble', '--db', db, '--description', description, damaged]);
    assert.equal(cut.code, 1);
    assert.equal(cut.stdout, '');
    assert.match(cut.stderr, /cut\.txt is not a readable vllm-bench-serve-printed file/);

    const fragment = JSON.parse((await cli(['evidence', 'import', VLLM, '--json'])).stdout);
    fragment.performance.points[0].durationSeconds = -1;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(fragment));
    const bad = await cli(['evidence', 'assemble', '--db', db, tampered]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not a valid import fragment\n {2}\/performance\/points\/0\/durationSeconds: /);

    for (const flags of [
      ['--devices', '0'],
      ['--stack', 'CANN 8.0'],
      ['--form', 'cloud'],
      ['--submit', 'http://127.0.0.1:1'],
    ]) {
      const run = await cli(['evidence', 'assemble', '--db', db, VLLM, ...flags]);
      assert.equal(run.code, 2, `${flags.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
    }
    const yaml = join(dir, 'broken.yaml');
    writeFileSync(yaml, 'deployment: [unclosed');
    assert.match((await cli(['evidence', 'assemble', '--description', yaml, VLLM])).stderr, /not valid YAML or JSON/);
  });
});

describe('chipreg evidence assemble --submit', () => {
  let registry: {
    url: string;
    requests: Array<{ headers: IncomingMessage['headers']; body: string }>;
    close(): Promise<void>;
  };
  let app: TestApp;

  before(async () => {
    const requests: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'SUB-2026-000001', status: 'in-review', level: { achieved: 'L3' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    registry = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
    app = await startTestApp();
  });
  after(async () => {
    await registry.close();
    await app.close();
  });

  it('posts the document with the key and an Idempotency-Key derived from the document, the same on a retry', async () => {
    const args = ['evidence', 'assemble', '--db', db, '--description', description, VLLM, '--out', join(dir, 's.json')];
    const first = await cli([...args, '--submit', registry.url, '--key', 'cr_vendor_key']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /submitted: SUB-2026-000001 \(in-review, earns L3\); Idempotency-Key [0-9a-f]{64}/);
    const second = await cli([...args, '--submit', `${registry.url}/v1/submissions`, '--key', 'cr_vendor_key']);
    assert.equal(second.code, 0, second.stderr);
    const [a, b] = registry.requests;
    const document = JSON.parse(a!.body);
    assert.equal(a!.headers.authorization, 'Bearer cr_vendor_key');
    assert.equal(a!.headers['content-type'], 'application/json');
    assert.equal(a!.headers['idempotency-key'], requestHash(document));
    assert.equal(b!.headers['idempotency-key'], a!.headers['idempotency-key']);
    assert.deepEqual(document, JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')));
  });

  it("shows the registry's refusal and exits 1", async () => {
    const run = await cli([
      'evidence',
      'assemble',
      '--db',
      db,
      '--description',
      description,
      VLLM,
      '--out',
      join(dir, 'refused.json'),
      '--submit',
      app.url,
      '--key',
      'not-a-key',
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /the registry answered 401: A valid API key is required/);
  });

  it('says so when the registry cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await cli([
      'evidence',
      'assemble',
      '--description',
      description,
      '--db',
      db,
      VLLM,
      '--out',
      join(dir, 'x.json'),
      '--submit',
      url,
      '--key',
      'k',
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`could not reach ${url}`));
  });
});

describe('chipreg evidence assemble with the kit', () => {
  it("takes the functional section and the single-stream point of the kit's --json reports as they are", async () => {
    // Shaped as `chipreg kit functional --json` and `kit single-stream --json` write them (the kit's own reports).
    const functionalReport = join(dir, 'functional-report.json');
    const functional = {
      prompts: 120,
      completed: 120,
      crashes: 0,
      emptyOutputs: 0,
      consistency: 1,
      tool: { name: 'chipreg-kit', version: '0.1.0', command: 'chipreg kit functional --model m --api chat' },
    };
    writeFileSync(functionalReport, JSON.stringify({ functional, counts: {} }));
    const singleStreamReport = join(dir, 'single-stream-report.json');
    const operatingPoint = {
      tool: { name: 'chipreg-kit', version: '0.1.0' },
      scenario: 'single-stream',
      concurrency: 1,
      streaming: true,
      requests: { total: 50, succeeded: 50, failed: 0 },
      latencyMs: { ttft: { p50: 410.5, p90: 520.25 } },
      decodeTokensPerSecond: 12.75,
    };
    writeFileSync(singleStreamReport, JSON.stringify({ operatingPoint }));
    const { document } = await assembled(
      '--description',
      description,
      '--kit-report',
      functionalReport,
      '--kit-report',
      singleStreamReport,
      VLLM,
    );
    assert.deepEqual(document.evidence.functional, functional);
    assert.deepEqual(document.evidence.performance.points.at(-1), operatingPoint);
    assert.deepEqual(
      document.evidence.artifacts.map((a: { uri: string; sha256: string }) => [a.uri, a.sha256]),
      [
        ['file:functional-report.json', sha256(functionalReport)],
        ['file:qwen2.5-0.5b-c50-printed.txt', sha256(VLLM)],
        ['file:single-stream-report.json', sha256(singleStreamReport)],
      ],
    );
    const notAReport = join(dir, 'other.json');
    writeFileSync(notAReport, '{"hello": 1}');
    const run = await cli(['evidence', 'assemble', '--kit-report', notAReport, VLLM]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /not a report of chipreg kit functional or single-stream/);
  });
});
