import type { Channel, ComponentKind, StackComponent } from '../src/domain/catalog-types.js';
import type { Random } from './seeded-random.js';

/** One component with the versions deployments were certified on (patch variants land on the same deployment key). */
type Slot = readonly [kind: ComponentKind, name: string, versions: readonly string[]];

/** Software stacks as vendors publish them (CANN 8.0.RC2 / 8.0.0, torch_npu, vLLM forks, tpu-mlir…). */
const STACKS: Record<string, ReadonlyArray<readonly Slot[]>> = {
  huawei: [
    [
      ['driver', 'Ascend HDK', ['23.0.6', '24.1.0', '24.1.1']],
      ['sdk', 'CANN', ['8.0.RC2', '8.0.RC3', '8.0.0', '8.0.1', '7.0.0']],
      ['plugin', 'torch_npu', ['2.1.0.post6', '2.1.0.post8', '2.4.0']],
      ['engine', 'vllm-ascend', ['v0.7.3', 'v0.7.3.post1', 'v0.9.1']],
    ],
    [
      ['sdk', 'CANN', ['8.0.RC2', '8.0.0', '8.0.1']],
      ['engine', 'MindIE', ['1.0.RC3', '1.0.0', '2.0.0']],
      ['framework', 'MindSpore', ['2.4.0', '2.4.1']],
    ],
  ],
  sophgo: [
    [
      ['driver', 'libsophon', ['0.5.0', '0.5.1']],
      ['compiler', 'tpu-mlir', ['1.8', '1.9', '1.9.1']],
      ['engine', 'LLM-TPU', ['2024.12', '2025.03']],
    ],
  ],
  hygon: [
    [
      ['sdk', 'DTK', ['24.04', '24.04.1', '25.04']],
      ['framework', 'PyTorch', ['2.1.0', '2.3.0']],
      ['engine', 'vLLM', ['0.6.2', '0.6.2.post1', '0.8.5']],
    ],
  ],
  cambricon: [
    [
      ['driver', 'Cambricon Driver', ['5.10.22', '5.10.29']],
      ['sdk', 'CNToolkit', ['3.10.2', '3.15.0']],
      ['plugin', 'torch_mlu', ['1.20.0', '1.24.1']],
      ['engine', 'vLLM-MLU', ['0.6.2']],
    ],
  ],
  'moore-threads': [
    [
      ['driver', 'MUSA Driver', ['2.7.0', '3.1.0']],
      ['sdk', 'MUSA Toolkit', ['3.1.0', '4.0.0']],
      ['plugin', 'torch_musa', ['1.3.0', '2.0.0']],
    ],
  ],
  metax: [
    [
      ['sdk', 'MACA', ['2.27.0', '2.29.0']],
      ['plugin', 'mcPytorch', ['2.1.0', '2.4.0']],
      ['engine', 'vllm-metax', ['0.8.5']],
    ],
  ],
  kunlunxin: [
    [
      ['driver', 'XPU Driver', ['5.0.21']],
      ['sdk', 'XTDK', ['4.0.0', '4.1.0']],
      ['engine', 'vllm-kunlun', ['0.9.2']],
    ],
  ],
  'iluvatar-corex': [
    [
      ['sdk', 'CoreX SDK', ['3.2.0', '4.1.0']],
      ['engine', 'IxRT', ['1.0.0']],
      ['engine', 'vLLM', ['0.6.3']],
    ],
  ],
  enflame: [
    [
      ['sdk', 'TopsRider', ['3.2.0', '3.4.0']],
      ['plugin', 'torch_gcu', ['2.3.0']],
      ['engine', 'vllm-gcu', ['0.6.1']],
    ],
  ],
  qualcomm: [
    [
      ['sdk', 'QNN', ['2.26.0', '2.28.0']],
      ['engine', 'MNN', ['2.9.0', '3.0.0']],
    ],
  ],
  mediatek: [
    [
      ['sdk', 'NeuroPilot', ['7.0.0', '8.0.0']],
      ['engine', 'MNN', ['2.9.0', '3.0.0']],
    ],
  ],
};
const BENCH_STACKS: ReadonlyArray<readonly Slot[]> = [
  [
    ['driver', 'BX Driver', ['1.2.0', '1.2.3', '1.3.0']],
    ['sdk', 'BXToolkit', ['3.0.RC1', '3.0.0', '3.1.0']],
    ['plugin', 'torch_bx', ['2.1.0', '2.4.0']],
    ['engine', 'vLLM', ['0.6.2', '0.8.5']],
  ],
  [
    ['driver', 'BX Driver', ['1.3.0']],
    ['compiler', 'bx-mlir', ['1.8', '1.9']],
    ['engine', 'llama.cpp', ['0.3.2', '0.3.5']],
  ],
];
const OS: readonly StackComponent[] = [
  { kind: 'os', name: 'Ubuntu', version: '22.04', channel: 'ga' },
  { kind: 'os', name: 'openEuler', version: '22.03', channel: 'ga' },
  { kind: 'os', name: 'Kylin', version: 'V10', channel: 'ga' },
];

const channelOf = (version: string): Channel => (/rc/i.test(version) ? 'rc' : 'ga');

/** A stack a deployment of this vendor's chip was certified on, newer versions more often than older ones. */
export function pickStack(random: Random, vendor: string): StackComponent[] {
  const template = random.pick(STACKS[vendor] ?? BENCH_STACKS);
  const stack: StackComponent[] = template.map(([kind, name, versions]) => {
    const version = versions[Math.min(versions.length - 1, Math.floor(Math.sqrt(random.next()) * versions.length))]!;
    return { kind, name, version, channel: random.chance(0.005) ? 'nightly' : channelOf(version) };
  });
  if (random.chance(0.3)) stack.push(random.pick(OS));
  return stack;
}

/** `CANN@8.0.0,torch_npu@2.1.0`-style query for a stack (a subset of it, sometimes a range). */
export function stackQuery(random: Random, stack: readonly StackComponent[]): string {
  const parts = stack.filter((c) => c.kind !== 'os').slice(0, random.int(1, 2));
  return parts.map((c) => (random.chance(0.25) ? `${c.name}@>=${c.version}` : `${c.name}@${c.version}`)).join(',');
}
