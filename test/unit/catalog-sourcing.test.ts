import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../../src/package-root.js';

/**
 * Specification of how data/ is sourced (data/README.md "Sourcing rules"): every GitHub source is
 * pinned to a commit, every declaration carries the date of its source, every stack component is a
 * known software version, no placeholder stands in for a value, and the corrections of issue 13 hold.
 */

type Doc = Record<string, unknown> & { id: string };
interface Component {
  kind: string;
  name: string;
  version: string;
}
interface Declaration extends Doc {
  model: string;
  chip: string;
  precisions: string[];
  stack: Component[];
  detail: string | null;
  date?: string;
  source: { url: string; note?: string };
}

const FOLDERS = ['vendors', 'chips', 'systems', 'models', 'software', 'declarations'] as const;
const files = FOLDERS.flatMap((folder) =>
  readdirSync(join(dataDir(), folder))
    .filter((n) => n.endsWith('.json'))
    .map((name) => ({ file: `${folder}/${name}`, text: readFileSync(join(dataDir(), folder, name), 'utf8') })),
);
const read = (folder: (typeof FOLDERS)[number]) =>
  files.filter((f) => f.file.startsWith(`${folder}/`)).map((f) => JSON.parse(f.text) as Doc);
const declarations = read('declarations') as Declaration[];
const software = read('software') as Array<
  Doc & { name: string; aliases: string[]; versions: Array<{ version: string }> }
>;
const models = new Map(read('models').map((m) => [m.id, m]));
const chips = new Map(read('chips').map((c) => [c.id, c]));
const decl = (id: string) => declarations.find((d) => d.id === id);

/** Every string value in a JSON document. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** A GitHub URL that names a file or folder must name it at a 40-hex commit, never a branch or HEAD. */
export function unpinnedGithubUrls(text: string): string[] {
  const urls = text.match(/https?:\/\/(?:www\.)?github\.com\/[^\s"'()<>\]]+/g) ?? [];
  return urls.filter(
    // An issue or pull-request thread has no commit to pin to; its number is stable, so it counts as pinned.
    (u) =>
      !/^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/]+\/(?:(?:blob|tree|commit)\/[0-9a-f]{40}(?:[/#]|$)|(?:issues|pull)\/\d+(?:[/#]|$))/.test(
        u,
      ),
  );
}

describe('sources a reviewer can open', () => {
  it('finds unpinned GitHub URLs (the check itself can fail)', () => {
    assert.deepEqual(unpinnedGithubUrls('see https://github.com/sophgo/LLM-TPU/blob/main/README.md'), [
      'https://github.com/sophgo/LLM-TPU/blob/main/README.md',
    ]);
    assert.deepEqual(unpinnedGithubUrls('https://github.com/QwenLM/Qwen'), ['https://github.com/QwenLM/Qwen']);
    assert.deepEqual(
      unpinnedGithubUrls('https://github.com/a/b/blob/015748ce86315dc74bb199d0a911e9d688e3b8c5/x.md'),
      [],
    );
  });

  it('every GitHub URL anywhere in data/ is pinned to a commit', () => {
    const unpinned = files.flatMap(({ file, text }) =>
      strings(JSON.parse(text)).flatMap((s) => unpinnedGithubUrls(s).map((u) => `${file}: ${u}`)),
    );
    assert.deepEqual(unpinned, []);
  });

  it('no placeholder stands in for a value', () => {
    const placeholder =
      /^(?:todo|tbd|tba|n\/a|na|unknown|placeholder|xxx+|\?+|-|—|none)$|\b(?:TODO|TBD|FIXME|placeholder)\b/i;
    const found = files.flatMap(({ file, text }) =>
      strings(JSON.parse(text))
        .filter((s) => placeholder.test(s.trim()))
        .map((s) => `${file}: ${s}`),
    );
    assert.deepEqual(found, []);
  });
});

describe('declaration dates, stacks and figures', () => {
  it('every declaration carries the date of its source, or says why it cannot', () => {
    const undated = declarations
      .filter((d) => !d.date && !d.source.note?.startsWith('Source date unknown: '))
      .map((d) => d.id);
    assert.deepEqual(undated, []);
  });

  it('declaration dates are real days, not in the future', () => {
    const today = new Date().toISOString().slice(0, 10);
    const wrong = declarations
      .filter((d) => d.date !== undefined)
      .filter((d) => Number.isNaN(Date.parse(`${d.date}T00:00:00Z`)) || d.date! > today || d.date! < '2019-01-01')
      .map((d) => `${d.id} ${d.date}`);
    assert.deepEqual(wrong, []);
  });

  it('every stack component names a data/software record and one of its sourced versions', () => {
    // Names repeat across vendors (Hygon's and Iluvatar's builds are both "vLLM"): any record of that name counts.
    const byName = new Map<string, Array<(typeof software)[number]>>();
    for (const s of software)
      for (const n of new Set([s.id, s.name, ...s.aliases].map((x) => x.toLowerCase())))
        byName.set(n, [...(byName.get(n) ?? []), s]);
    const unknown = declarations.flatMap((d) =>
      d.stack
        .filter(
          (c) => !(byName.get(c.name.toLowerCase()) ?? []).some((s) => s.versions.some((v) => v.version === c.version)),
        )
        .map((c) => `${d.id}: ${c.name}@${c.version}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('stack components use the canonical name of their software record', () => {
    const canonical = new Set(software.map((s) => s.name));
    const aliased = declarations.flatMap((d) =>
      d.stack.filter((c) => !canonical.has(c.name)).map((c) => `${d.id}: ${c.name}`),
    );
    assert.deepEqual(aliased, []);
  });
});

describe('issue 13 corrections', () => {
  it('GLM4V on Sophgo is GLM-4.1V-9B-Thinking-AWQ, on the BM1684X only', () => {
    assert.deepEqual(
      declarations.filter((d) => d.chip.startsWith('sophgo-') && d.model === 'glm-4v-9b').map((d) => d.id),
      [],
    );
    const d = decl('sophgo-bm1684x.glm-4.1v-9b-thinking.llm-tpu-glm4v');
    assert.ok(d);
    assert.deepEqual(d.precisions, ['w4a16']);
    assert.ok(!declarations.some((x) => x.chip === 'sophgo-bm1688' && x.model.startsWith('glm-4')));
  });

  it('no declaration on the Ascend 310P claims bf16', () => {
    assert.deepEqual(
      declarations.filter((d) => d.chip === 'huawei-ascend-310p' && d.precisions.includes('bf16')).map((d) => d.id),
      [],
    );
  });

  it('MindFormers: the predict figure is GLM-4-9B-Chat, the finetune figure GLM-4-9B', () => {
    const chat = decl('huawei-ascend-910b.glm-4-9b-chat.mindformers')!;
    const base = decl('huawei-ascend-910b.glm-4-9b.mindformers')!;
    assert.match(chat.detail!, /256\.814 tokens\/s/);
    assert.doesNotMatch(chat.detail!, /2047/);
    assert.match(base.detail!, /2047 tokens\/s\/p/);
    assert.doesNotMatch(base.detail!, /256\.814/);
  });

  it('weight-only modes are not recorded as int8 or int4: W8A16 is left out, W4BF16 is w4a16', () => {
    assert.deepEqual(decl('sophgo-bm1684x.glm-4-9b-chat.llm-tpu-glm4')!.precisions, ['w4a16']);
  });

  it('GLM-5 and GLM-4.5 carry the total and active parameters their repositories state', () => {
    assert.deepEqual([models.get('glm-5')?.parametersB, models.get('glm-5')?.activeParametersB], [744, 40]);
    assert.deepEqual([models.get('glm-4.5')?.parametersB, models.get('glm-4.5')?.activeParametersB], [355, 32]);
    assert.deepEqual([models.get('deepseek-r1')?.parametersB, models.get('deepseek-r1')?.activeParametersB], [671, 37]);
  });

  it('Kunlun 1st gen no longer carries K200 figures; Snapdragon 8 Gen 3 no unverifiable 45 TOPS int8', () => {
    const k = chips.get('kunlunxin-kunlun-1')!;
    assert.deepEqual([k.memoryGiB, k.precisions], [null, []]);
    const s = chips.get('qualcomm-snapdragon-8-gen-3')!;
    assert.deepEqual(s.precisions, []);
    assert.ok(!JSON.stringify(s).includes('45 TOPS'));
  });

  it('Chinese names are sourced or empty', () => {
    const zh = (id: string) => chips.get(id)?.nameZh ?? null;
    for (const id of ['huawei-ascend-910c', 'huawei-ascend-950', 'huawei-ascend-310p', 'metax-n100', 'hygon-z100'])
      assert.equal(zh(id), null, id);
    const ascend = chips.get('huawei-ascend-910b') as Doc & { facts: Array<{ field: string; value: string }> };
    assert.ok(ascend.facts.some((f) => f.field === 'nameZh' && f.value === '昇腾910B'));
  });

  it('figures the source states are recorded in the v2 shapes: DeepSeek-V3.1 on Atlas 800 A3', () => {
    const d = decl('huawei-ascend-910c.deepseek-v3.1.vllm-ascend-tutorial') as Declaration & {
      figures: { benchmarks: Array<{ benchmark: string; score: number; scale: string }> };
    };
    assert.deepEqual(
      d.figures.benchmarks.map((b) => [b.benchmark, b.score, b.scale]),
      [
        ['ceval', 90.94, 'percent'],
        ['gsm8k', 96.28, 'percent'],
      ],
    );
    assert.equal(d.devices, 16);
  });
});
