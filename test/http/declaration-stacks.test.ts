import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * "GLM-4-9B-Chat on 910B, with which stack?" and "DeepSeek-R1 on Hygon?" asked over HTTP of the
 * catalog in data/: declarations answer with the stack and the date their sources state.
 */

const SCHEMA = 'responses/compatibility.v1.schema.json';
interface Component {
  kind: string;
  name: string;
  version: string;
}
interface Declaration {
  id: string;
  level: string;
  verified: boolean;
  stack: Component[];
  precisions: string[];
  devices: number | null;
  issuedAt: string;
  source: { url: string };
}

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

const check = async (query: string): Promise<{ verdict: string; declarations: Declaration[] }> => {
  const res = await app.get(`/v1/compatibility?${query}`);
  assert.equal(res.status, 200, res.text);
  assertSchema(res.body, SCHEMA);
  return res.body;
};
const versionOf = (d: Declaration, name: string) => d.stack.find((c) => c.name === name)?.version;

describe('declarations answer with the stacks their sources name', () => {
  it('GLM-4-9B-Chat on the 910B: MindFormers 1.3.2 / MindSpore 2.4.10 / CANN 8.0.0 from the r1.3.0 model card', async () => {
    const body = await check('model=GLM-4-9B-Chat&chip=Ascend910B');
    assert.equal(body.verdict, 'not-certified');
    const d = body.declarations.find((x) => x.id === 'huawei-ascend-910b.glm-4-9b-chat.mindformers-r1.3.0');
    assert.ok(d, 'the MindFormers r1.3.0 declaration is listed');
    assert.deepEqual(
      ['MindFormers', 'MindSpore', 'CANN', 'Ascend HDK'].map((n) => versionOf(d, n)),
      ['1.3.2', '2.4.10', '8.0.0', '24.1.0'],
    );
    assert.match(d.source.url, /^https:\/\/github\.com\/mindspore-lab\/mindformers\/blob\/[0-9a-f]{40}\//);
    assert.ok(body.declarations.every((x) => x.level === 'L0' && !x.verified));
  });

  it('a declaration is as old as its source, not as the import', async () => {
    const body = await check('model=glm-4-9b-chat&chip=huawei-ascend-910b');
    const d = body.declarations.find((x) => x.id === 'huawei-ascend-910b.glm-4-9b-chat.mindformers-r1.3.0')!;
    assert.equal(d.issuedAt, '2024-10-26T00:00:00.000Z');
  });

  it('stack= keeps declarations whose named components fit and drops those that conflict', async () => {
    const fits = await check(`model=glm-4-9b-chat&chip=910B&stack=${encodeURIComponent('CANN@>=8.0.0 <8.1')}`);
    assert.ok(fits.declarations.some((x) => x.id === 'huawei-ascend-910b.glm-4-9b-chat.mindformers-r1.3.0'));
    const conflicts = await check(`model=glm-4-9b-chat&chip=910B&stack=${encodeURIComponent('CANN@7.0.0')}`);
    assert.ok(!conflicts.declarations.some((x) => x.id === 'huawei-ascend-910b.glm-4-9b-chat.mindformers-r1.3.0'));
    // A declaration whose source names no CANN version is not contradicted by the query.
    assert.ok(conflicts.declarations.some((x) => x.stack.every((c) => c.name !== 'CANN')));
  });

  it('DeepSeek-R1 on the Hygon BW1100: the DCU cookbook rows, with vLLM 0.21, 8 cards, W8A8', async () => {
    const body = await check('model=DeepSeek-R1&chip=hygon-bw1100');
    const d = body.declarations.find((x) => x.id === 'hygon-bw1100.deepseek-r1.cookbook-vllm-0.21');
    assert.ok(d);
    assert.equal(versionOf(d, 'vLLM'), '0.21');
    assert.equal(d.devices, 8);
    assert.ok(d.precisions.includes('w8a8'));
  });

  it('DeepSeek-R1 on Ascend 910B names CANN and the serving engine', async () => {
    const body = await check('model=deepseek-ai/DeepSeek-R1&chip=910B');
    const mindie = body.declarations.find((x) => x.id === 'huawei-ascend-910b.deepseek-r1.mindie-llm')!;
    assert.deepEqual([versionOf(mindie, 'CANN'), versionOf(mindie, 'MindIE-LLM')], ['8.0.T63', '2.0.T3']);
    const vllm = body.declarations.find((x) => x.id === 'huawei-ascend-910b.deepseek-r1.vllm-ascend-matrix')!;
    assert.deepEqual([versionOf(vllm, 'CANN'), versionOf(vllm, 'torch_npu')], ['9.0.1', '2.10.0.post2']);
  });
});
