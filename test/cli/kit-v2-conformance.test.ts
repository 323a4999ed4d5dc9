import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { schemasDir } from '../../src/package-root.js';
import { createSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { startFakeOpenAiServer, type FakeServer } from '../helpers/fake-openai-server.js';
import { cli } from '../helpers/run-cli.js';

const V2 = 'submission.v2.schema.json';
const hasV2 = existsSync(join(schemasDir(), V2));
const dir = mkdtempSync(join(tmpdir(), 'chipreg-kit-v2-'));
const prompts = join(dir, 'prompts.jsonl');
writeFileSync(prompts, '{"id":"a","lang":"en","prompt":"one"}\n{"id":"b","lang":"zh","prompt":"二"}\n');
let server: FakeServer;
after(() => server?.close());

describe('the kit prints what submission v2 accepts', { skip: !hasV2 && `${V2} is not on this branch yet` }, () => {
  it('kit functional: evidence.functional (with --reference) validates against $defs/functional', async () => {
    const registry = createSchemaRegistry();
    server = await startFakeOpenAiServer();
    const ref = join(dir, 'ref.jsonl');
    await cli(['kit', 'functional', '--endpoint', server.url, '--model', 'm', '--prompts', prompts, '--out', ref]);
    const run = await cli([
      'kit',
      'functional',
      '--endpoint',
      server.url,
      '--model',
      'm',
      '--prompts',
      prompts,
      '--out',
      join(dir, 'run.jsonl'),
      '--reference',
      ref,
      '--json',
    ]);
    const { functional } = JSON.parse(run.stdout);
    assert.equal(functional.referenceMatch32, 1);
    assert.deepEqual(registry.validate(`${V2}#/$defs/functional`, functional), []);
  });

  it('kit single-stream: the operating point validates against $defs/operatingPoint', async () => {
    const registry = createSchemaRegistry();
    server ??= await startFakeOpenAiServer();
    const run = await cli([
      'kit',
      'single-stream',
      '--endpoint',
      server.url,
      '--model',
      'm',
      '--prompts',
      prompts,
      '--requests',
      '3',
      '--json',
    ]);
    const { operatingPoint } = JSON.parse(run.stdout);
    assert.deepEqual(registry.validate(`${V2}#/$defs/operatingPoint`, operatingPoint), []);
  });

  it('kit env: the artifact entry validates against $defs/artifact', async () => {
    const registry = createSchemaRegistry();
    const run = await cli(['kit', 'env', '--out', join(dir, 'env.json'), '--json']);
    assert.deepEqual(registry.validate(`${V2}#/$defs/artifact`, JSON.parse(run.stdout).artifact), []);
  });

  it('artifact URIs have one form: file:<name>, never the local path (assemble writes the same, or --artifact-base)', async () => {
    const env = await cli(['kit', 'env', '--out', join(dir, 'env run.txt'), '--json']);
    assert.equal(JSON.parse(env.stdout).artifact.uri, 'file:env%20run.txt');
    server ??= await startFakeOpenAiServer();
    const run = await cli([
      'kit',
      'functional',
      '--endpoint',
      server.url,
      '--model',
      'm',
      '--prompts',
      prompts,
      '--out',
      join(dir, 'uri-run.jsonl'),
      '--json',
    ]);
    const { artifact } = JSON.parse(run.stdout).outputs;
    assert.equal(artifact.uri, 'file:uri-run.jsonl');
    assert.doesNotMatch(JSON.stringify(artifact), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('functional and single-stream take the endpoint options from one definition: the same usage errors', async () => {
    for (const command of ['functional', 'single-stream']) {
      const base = ['kit', command, '--model', 'm', '--prompts', prompts, '--out', join(dir, `${command}-bad.jsonl`)];
      const notUrl = await cli([...base, '--endpoint', 'not a url']);
      assert.equal(notUrl.code, 2, `${command}: ${notUrl.stderr}`);
      const timeout = await cli([...base, '--endpoint', 'http://127.0.0.1:9/v1', '--timeout', '0']);
      assert.equal(timeout.code, 2, command);
      assert.match(timeout.stderr, /expected seconds, more than 0/, command);
      const prompt = await cli([
        ...base,
        '--endpoint',
        'http://127.0.0.1:9/v1',
        '--prompts',
        join(dir, 'missing.jsonl'),
      ]);
      assert.equal(prompt.code, 2, command);
      assert.match(prompt.stderr, /--prompts/, command);
    }
  });
});
