import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  loadRequirementSet,
  requirementSetProblems,
  validityMonths,
  type RequirementSet,
} from '../../src/domain/requirement-set.js';
import { precisionClass, precisionsOfClass } from '../../src/domain/submission-document.js';
import { example, registry, SET_2026_1_PATH, set2026, strictSet, STRICT_PATH } from './level-engine-docs.js';

const OWN_SCHEMAS = ['submission.v1.schema.json', 'requirement-set.v1.schema.json', 'level-report.v1.schema.json'];
const SUBMISSION = 'submission.v1.schema.json';

/** Every object schema node in a schema document, with its path. */
function objectNodes(node: unknown, path = '#'): Array<{ path: string; node: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => objectNodes(n, `${path}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const out: Array<{ path: string; node: Record<string, unknown> }> = [];
  const rec = node as Record<string, unknown>;
  if (rec.type === 'object') out.push({ path, node: rec });
  for (const [key, child] of Object.entries(rec))
    if (key !== 'examples') out.push(...objectNodes(child, `${path}/${key}`));
  return out;
}

describe('the schemas of submissions, requirement sets and level reports', () => {
  for (const file of OWN_SCHEMAS) {
    const schema = registry.files.get(file) as { $id: string; $schema: string; examples: unknown[] };

    it(`${file}: every examples entry validates`, () => {
      assert.ok(schema.examples.length > 0);
      schema.examples.forEach((ex, i) => assert.deepEqual(registry.validate(file, ex), [], `examples[${i}]`));
    });

    it(`${file}: 2020-12, $id by file path, closed objects, a description on every property`, () => {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.equal(schema.$id, `https://chipreg.dev/schemas/${file}`);
      for (const { path, node } of objectNodes(schema)) {
        if (!node.properties) continue;
        const isPartial = /\/(if|then|else|oneOf\/\d+)$/.test(path) || /\/(then|else)\//.test(path);
        if (!isPartial) assert.equal(node.additionalProperties, false, `${path} must set additionalProperties: false`);
        for (const [name, prop] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) {
          assert.ok(
            typeof prop.description === 'string' && prop.description.length > 0,
            `${path}/properties/${name} needs a description`,
          );
        }
      }
    });
  }

  it('the DESIGN §6.1 example in the schema uses a real-looking sha256', () => {
    const sha = example().evidence.artifacts![0]!.sha256!;
    assert.match(sha, /^[0-9a-f]{64}$/);
    assert.notEqual(new Set(sha).size, 1);
  });

  it('the shared test fixture of the §6.1 example validates too', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
    assert.deepEqual(registry.validate(SUBMISSION, fixture), []);
  });

  it('a document with no evidence sections, or null ones, is valid', () => {
    const doc = example() as unknown as Record<string, Record<string, unknown>>;
    doc.evidence = {};
    assert.deepEqual(registry.validate(SUBMISSION, doc), []);
    doc.evidence = {
      functional: null,
      accuracy: null,
      performance: null,
      reproduction: null,
      soak: null,
      artifacts: null,
    };
    assert.deepEqual(registry.validate(SUBMISSION, doc), []);
  });

  const refused: Array<[string, (d: any) => void, string]> = [
    ['a negative count', (d) => (d.evidence.functional.crashes = -1), '/evidence/functional/crashes'],
    ['a fractional count', (d) => (d.evidence.functional.prompts = 100.5), '/evidence/functional/prompts'],
    ['consistency above 1', (d) => (d.evidence.functional.consistency = 1.2), '/evidence/functional/consistency'],
    [
      'referenceMatch32 below 0',
      (d) => (d.evidence.functional.referenceMatch32 = -0.1),
      '/evidence/functional/referenceMatch32',
    ],
    [
      'a zero reference score',
      (d) => (d.evidence.accuracy.benchmarks[0].reference = 0),
      '/evidence/accuracy/benchmarks/0/reference',
    ],
    [
      'an error rate above 1',
      (d) => (d.evidence.soak = { hours: 24, throughputFraction: 0.8, crashes: 0, errorRate: 2 }),
      '/evidence/soak/errorRate',
    ],
    ['a short sha256', (d) => (d.evidence.artifacts[0].sha256 = 'abc123'), '/evidence/artifacts/0/sha256'],
    ['an unknown artifact kind', (d) => (d.evidence.artifacts[0].kind = 'screenshot'), '/evidence/artifacts/0/kind'],
    ['an unknown profile', (d) => (d.evidence.performance.profile = 'offline'), '/evidence/performance/profile'],
    ['zero devices', (d) => (d.deployment.devices = 0), '/deployment/devices'],
    ['an empty stack', (d) => (d.deployment.stack = []), '/deployment/stack'],
    ['a missing model revision', (d) => delete d.deployment.model.revision, '/deployment/model/revision'],
    ['a contact that is not an e-mail address', (d) => (d.submitter.contact = 'call us'), '/submitter/contact'],
    ['a wrong schema tag', (d) => (d.schema = 'chipreg/submission/v2'), '/schema'],
    ['an unknown property', (d) => (d.evidence.functional.vibes = 'good'), '/evidence/functional/vibes'],
    ['a malformed requirement set id', (d) => (d.requirementSet = 'latest'), '/requirementSet'],
    ['an unknown precision', (d) => (d.deployment.precision = 'int2'), '/deployment/precision'],
  ];
  for (const [what, mutate, pointer] of refused) {
    it(`refuses ${what} at ${pointer}`, () => {
      const doc = example();
      mutate(doc);
      const problems = registry.validate(SUBMISSION, doc);
      assert.ok(
        problems.some((p) => p.pointer === pointer),
        JSON.stringify(problems),
      );
    });
  }
});

describe('requirement set files', () => {
  it('data/requirement-sets/2026.1.json and the strict fixture validate and load', () => {
    for (const path of [SET_2026_1_PATH, STRICT_PATH]) {
      assert.deepEqual(registry.validate('requirement-set.v1.schema.json', JSON.parse(readFileSync(path, 'utf8'))), []);
    }
    assert.equal(set2026.id, '2026.1');
    assert.deepEqual(requirementSetProblems(set2026), []);
    assert.deepEqual(requirementSetProblems(strictSet), []);
  });

  it('2026.1 is valid 12 months for L1–L4 and never expires at L0; the strict set says 6', () => {
    assert.deepEqual(
      ['L0', 'L1', 'L2', 'L3', 'L4'].map((l) => validityMonths(set2026, l)),
      [null, 12, 12, 12, 12],
    );
    assert.equal(validityMonths(strictSet, 'L3'), 6);
    assert.equal(validityMonths(set2026, 'L9'), null);
  });

  it('2026.1 cites its anchors in the check descriptions', () => {
    const text = set2026.checks.map((c) => c.description).join(' ');
    for (const anchor of ['MLPerf', 'TEST04', 'TEST06', 'min_duration', 'vllm-ascend'])
      assert.ok(text.includes(anchor), anchor);
    assert.match(set2026.description ?? '', /CNCF/);
  });

  it('the loader throws one clear error listing every problem with its pointer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-rs-'));
    const broken = JSON.parse(readFileSync(SET_2026_1_PATH, 'utf8')) as Omit<RequirementSet, 'title'> & {
      title?: string;
    };
    delete broken.title;
    (broken.checks[1] as { comparison: string }).comparison = '~=';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    assert.throws(
      () => loadRequirementSet(file, registry),
      (error: Error) => {
        assert.match(error.message, /is invalid \(\d+ problems\)/);
        assert.match(error.message, /\/title: is required/);
        assert.match(error.message, /\/checks\/1\/comparison/);
        return true;
      },
    );
  });

  it('the loader refuses duplicate check ids, ids that do not start with their level and levels out of order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipreg-rs-'));
    const broken = JSON.parse(readFileSync(SET_2026_1_PATH, 'utf8')) as RequirementSet;
    broken.checks[2]!.id = broken.checks[1]!.id;
    broken.checks[3]!.level = 'L2';
    [broken.levels[0], broken.levels[1]] = [broken.levels[1]!, broken.levels[0]!];
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    assert.throws(
      () => loadRequirementSet(file, registry),
      (error: Error) => {
        assert.match(error.message, /\/checks\/2\/id: duplicate check id "l0.model.revision"/);
        assert.match(error.message, /\/checks\/3\/id: check "l1.functional.prompts" belongs to L2/);
        assert.match(error.message, /\/levels\/0\/id: must be L0/);
        return true;
      },
    );
  });

  it('the loader names an unreadable file', () => {
    assert.throws(() => loadRequirementSet('/nonexistent/set.json', registry), /cannot be read/);
  });

  it('the schema refuses an `in` comparison with a single threshold', () => {
    const broken = structuredClone(set2026) as unknown as { checks: Array<Record<string, unknown>> };
    broken.checks[3]!.comparison = 'in';
    const problems = registry.validate('requirement-set.v1.schema.json', broken);
    assert.ok(
      problems.some((p) => p.pointer === '/checks/3/threshold'),
      JSON.stringify(problems),
    );
  });
});

describe('precision classes', () => {
  it('fp32, bf16, fp16 are 16bit-or-more; fp8, int8, w8a8, w8a16 are 8bit; w4a16, w4a8, int4 are 4bit', () => {
    assert.deepEqual(precisionsOfClass('16bit'), ['fp32', 'bf16', 'fp16']);
    assert.deepEqual(precisionsOfClass('8bit'), ['fp8', 'int8', 'w8a8', 'w8a16']);
    assert.deepEqual(precisionsOfClass('4bit'), ['w4a16', 'w4a8', 'int4']);
    assert.equal(precisionClass('w8a8'), '8bit');
  });
});
