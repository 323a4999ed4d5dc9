import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  captureEnvironment,
  DEVICE_TOOLS,
  isServingPackage,
  runCommand,
  type CommandResult,
  type EnvCaptureDeps,
} from '../../src/kit/env-capture.js';
import { cli } from '../helpers/run-cli.js';

const ok = (stdout: string): CommandResult => ({ status: 'ok', exitCode: 0, stdout, stderr: '' });
const missing: CommandResult = { status: 'missing', exitCode: null, stdout: '', stderr: '' };

/** A machine described by what each program prints; every other program is absent. */
function machine(programs: Record<string, CommandResult>, files: Record<string, string> = {}): EnvCaptureDeps {
  return {
    run: async (file, args) => programs[[file, ...args].join(' ')] ?? missing,
    readText: async (path) => files[path] ?? null,
    now: () => new Date('2026-12-02T12:00:00Z'),
    host: { kernel: 'Linux 5.10.0-182', arch: 'arm64', cpus: 192, cpuModel: 'Kunpeng-920', memoryBytes: 1024 },
    timeoutMs: 1000,
  };
}

const PIP = JSON.stringify([
  { name: 'vllm', version: '0.9.1' },
  { name: 'vllm_ascend', version: '0.9.1rc1' },
  { name: 'torch', version: '2.5.1' },
  { name: 'torch-npu', version: '2.5.1.post1' },
  { name: 'transformers', version: '4.52.4' },
  { name: 'requests', version: '2.32.3' },
  { name: 'numpy', version: '1.26.4' },
]);

describe('chipreg kit env', () => {
  it('runs the device tools that exist, lists the missing ones, and keeps only serving-stack pip packages', async () => {
    const dump = await captureEnvironment(
      machine(
        {
          'npu-smi info': ok('+---------------------------+\n| npu-smi 24.1.rc2 Version: 24.1.rc2 |\n'),
          'lspci -nn': ok('c1:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802]\n'),
          'pip3 list --format=json': ok(PIP),
        },
        {
          '/etc/os-release': 'NAME="openEuler"\nVERSION="22.03 (LTS-SP4)"\nID="openEuler"\n',
          '/proc/cpuinfo': 'processor\t: 0\nFeatures\t: fp asimd evtstrm aes\n',
        },
      ),
    );
    assert.deepEqual(
      dump.tools.map((t) => [t.name, t.status]),
      [
        ['npu-smi info', 'ok'],
        ['lspci -nn', 'ok'],
      ],
    );
    assert.match(dump.tools[0]!.stdout, /npu-smi 24\.1\.rc2/);
    assert.deepEqual(
      dump.missing,
      DEVICE_TOOLS.map((t) => t.name).filter((n) => n !== 'npu-smi info' && n !== 'lspci -nn'),
    );
    assert.deepEqual(dump.os, { NAME: 'openEuler', VERSION: '22.03 (LTS-SP4)', ID: 'openEuler' });
    assert.equal(dump.kernel, 'Linux 5.10.0-182');
    assert.deepEqual(dump.cpu, {
      model: 'Kunpeng-920',
      logicalCpus: 192,
      arch: 'arm64',
      flags: 'fp asimd evtstrm aes',
    });
    assert.deepEqual(dump.python, {
      pip: 'pip3 list --format=json',
      status: 'ok',
      installed: 7,
      servingStack: [
        { name: 'torch', version: '2.5.1' },
        { name: 'torch-npu', version: '2.5.1.post1' },
        { name: 'transformers', version: '4.52.4' },
        { name: 'vllm', version: '0.9.1' },
        { name: 'vllm_ascend', version: '0.9.1rc1' },
      ],
    });
  });

  it('a tool that hangs or fails is recorded with its status, never an error; no pip and no os-release are stated', async () => {
    const dump = await captureEnvironment(
      machine({
        cnmon: { status: 'timeout', exitCode: null, stdout: 'partial', stderr: '' },
        'hy-smi': { status: 'failed', exitCode: 3, stdout: '', stderr: 'no device' },
      }),
    );
    assert.deepEqual(
      dump.tools.map((t) => [t.name, t.status, t.exitCode]),
      [
        ['hy-smi', 'failed', 3],
        ['cnmon', 'timeout', null],
      ],
    );
    assert.equal(dump.missing.length, DEVICE_TOOLS.length - 2);
    assert.deepEqual(dump.python, { pip: 'missing' });
    assert.equal(dump.os, null);
  });

  it('recognises serving-stack packages by their normalised names', () => {
    for (const name of [
      'vllm',
      'vllm-ascend',
      'Torch_NPU',
      'mindie-llm',
      'lmdeploy',
      'sglang',
      'llama_cpp_python',
      'lm_eval',
      'evalscope',
    ])
      assert.ok(isServingPackage(name), name);
    for (const name of ['requests', 'numpy', 'torchmetrics', 'pytest']) assert.ok(!isServingPackage(name), name);
  });

  it('the real runner reports an absent program as missing and a slow one as a timeout', async () => {
    assert.equal((await runCommand('chipreg-no-such-tool', [], 1000)).status, 'missing');
    assert.equal((await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], 200)).status, 'timeout');
    const r = await runCommand(process.execPath, ['-e', 'process.stdout.write("hi")'], 5000);
    assert.deepEqual([r.status, r.stdout], ['ok', 'hi']);
  });

  it('writes the artifact on this machine and prints its sha256', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'chipreg-env-')), 'env.json');
    const { code, stdout } = await cli(['kit', 'env', '--out', out, '--timeout', '5']);
    assert.equal(code, 0);
    const sha = createHash('sha256').update(readFileSync(out)).digest('hex');
    assert.match(stdout, new RegExp(`sha256 ${sha}`));
    const dump = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(dump.schema, 'chipreg/kit-env/v1');
    assert.equal(
      dump.tools.length + dump.missing.length,
      DEVICE_TOOLS.length,
      'every tool either ran or is listed missing',
    );
    const json = await cli(['kit', 'env', '--out', out, '--json']);
    const { artifact } = JSON.parse(json.stdout);
    assert.equal(artifact.kind, 'environment');
    // The artifact is named as `evidence assemble` names it: relative to the submission, never a local path.
    assert.equal(artifact.uri, `file:${basename(out)}`);
    assert.match(artifact.sha256, /^[0-9a-f]{64}$/);
  });
});
