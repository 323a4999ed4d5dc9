import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export type CommandStatus = 'ok' | 'failed' | 'timeout' | 'missing';

export interface CommandResult {
  status: CommandStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one program; injectable so tests decide what every tool prints. Never rejects. */
export type CommandRunner = (file: string, args: string[], timeoutMs: number) => Promise<CommandResult>;

const MAX_OUTPUT = 4 * 1024 * 1024;

export const runCommand: CommandRunner = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ status: 'ok', exitCode: 0, stdout, stderr });
      const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: unknown };
      if (e.code === 'ENOENT') return resolve({ status: 'missing', exitCode: null, stdout: '', stderr: '' });
      if (e.killed && e.signal) return resolve({ status: 'timeout', exitCode: null, stdout, stderr });
      resolve({ status: 'failed', exitCode: typeof e.code === 'number' ? e.code : null, stdout, stderr });
    });
  });

/**
 * The accelerator tools of the chips chipreg knows, in the order they are tried; all that exist run.
 * nvidia-smi is here for the reference platform, which is often an NVIDIA one.
 */
export const DEVICE_TOOLS: ReadonlyArray<{ name: string; file: string; args: string[]; chips: string }> = [
  { name: 'npu-smi info', file: 'npu-smi', args: ['info'], chips: 'Huawei Ascend' },
  { name: 'hy-smi', file: 'hy-smi', args: [], chips: 'Hygon DCU' },
  { name: 'rocm-smi', file: 'rocm-smi', args: [], chips: 'AMD / Hygon DCU (ROCm)' },
  { name: 'cnmon', file: 'cnmon', args: [], chips: 'Cambricon MLU' },
  { name: 'xpu_smi', file: 'xpu_smi', args: [], chips: 'Kunlunxin XPU' },
  { name: 'ixsmi', file: 'ixsmi', args: [], chips: 'Iluvatar CoreX' },
  { name: 'mx-smi', file: 'mx-smi', args: [], chips: 'MetaX' },
  { name: 'mthreads-gmi', file: 'mthreads-gmi', args: [], chips: 'Moore Threads' },
  { name: 'efsmi', file: 'efsmi', args: [], chips: 'Enflame' },
  { name: 'bm-smi', file: 'bm-smi', args: [], chips: 'Sophgo' },
  { name: 'nvidia-smi', file: 'nvidia-smi', args: [], chips: 'NVIDIA (reference platforms)' },
  { name: 'lspci -nn', file: 'lspci', args: ['-nn'], chips: 'every PCI accelerator' },
];

/** Python packages of serving stacks, engines, device plugins and evaluation tools (names normalised per PEP 503). */
const SERVING_PACKAGES =
  /^(vllm|sglang|lmdeploy|mindie|mindspore|mindformers|torch|torchvision|torchaudio|triton|transformers|tokenizers|accelerate|safetensors|xformers|flash-attn|flashinfer|deepspeed|tensorrt|onnxruntime|openvino|paddlepaddle|paddlenlp|fastdeploy|llama-cpp-python|ctranslate2|modelscope|evalscope|lm-eval|opencompass|ais-bench|genai-perf|apex|bitsandbytes|auto-gptq|autoawq|optimum|xinference|text-generation|ray|cupy|jax|jaxlib|ascend|cann|te|hccl|op-compile-tool|schedule-search|topi)($|-)/;

export const isServingPackage = (name: string): boolean =>
  SERVING_PACKAGES.test(name.toLowerCase().replace(/[-_.]+/g, '-'));

export interface EnvCaptureDeps {
  run: CommandRunner;
  readText: (path: string) => Promise<string | null>;
  now: () => Date;
  host: { kernel: string; arch: string; cpus: number; cpuModel: string; memoryBytes: number };
  timeoutMs: number;
}

export const defaultEnvDeps = (timeoutMs = 15_000): EnvCaptureDeps => ({
  run: runCommand,
  readText: (path) => readFile(path, 'utf8').catch(() => null),
  now: () => new Date(),
  host: {
    kernel: `${os.type()} ${os.release()} ${os.version()}`,
    arch: os.arch(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
  },
  timeoutMs,
});

function parseOsRelease(text: string | null): Record<string, string> | null {
  if (text === null) return null;
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) fields[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return fields;
}

/**
 * The environment artifact of L1: every device tool that exists (its full output), OS, kernel, CPU,
 * and the serving stack's Python packages when pip is there. A tool that is absent is listed under
 * `missing`; one that fails or hangs is recorded with its status; nothing here throws.
 */
export async function captureEnvironment(deps: EnvCaptureDeps) {
  const tools = [];
  const missing: string[] = [];
  for (const t of DEVICE_TOOLS) {
    const r = await deps.run(t.file, t.args, deps.timeoutMs);
    if (r.status === 'missing') missing.push(t.name);
    else tools.push({ name: t.name, for: t.chips, ...r });
  }
  let python: Record<string, unknown> = { pip: 'missing' };
  for (const [file, args] of [
    ['pip3', ['list', '--format=json']],
    ['pip', ['list', '--format=json']],
    ['python3', ['-m', 'pip', 'list', '--format=json']],
  ] as const) {
    const r = await deps.run(file, [...args], deps.timeoutMs);
    if (r.status === 'missing') continue;
    const command = [file, ...args].join(' ');
    if (r.status !== 'ok') {
      python = { pip: command, status: r.status, exitCode: r.exitCode, stderr: r.stderr.slice(0, 2000) };
      if (file === 'python3') continue;
      break;
    }
    try {
      const all = JSON.parse(r.stdout) as Array<{ name: string; version: string }>;
      python = {
        pip: command,
        status: 'ok',
        installed: all.length,
        servingStack: all
          .filter((p) => isServingPackage(p.name))
          .map((p) => ({ name: p.name, version: p.version }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    } catch {
      python = { pip: command, status: 'unreadable', stdout: r.stdout.slice(0, 2000) };
    }
    break;
  }
  const cpuinfo = await deps.readText('/proc/cpuinfo');
  return {
    schema: 'chipreg/kit-env/v1',
    capturedAt: deps.now().toISOString(),
    os: parseOsRelease(await deps.readText('/etc/os-release')),
    kernel: deps.host.kernel,
    cpu: {
      model: deps.host.cpuModel,
      logicalCpus: deps.host.cpus,
      arch: deps.host.arch,
      ...(cpuinfo ? { flags: /^(flags|Features)\s*:\s*(.*)$/m.exec(cpuinfo)?.[2]?.trim() ?? null } : {}),
    },
    memoryBytes: deps.host.memoryBytes,
    tools,
    missing,
    python,
  };
}

export type EnvironmentDump = Awaited<ReturnType<typeof captureEnvironment>>;
