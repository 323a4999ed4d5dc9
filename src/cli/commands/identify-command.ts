import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createDeps } from '../../deps.js';
import { seenDevice, type SeenDevice } from '../../domain/identify/types.js';
import { NotADumpError } from '../../errors.js';
import { openCatalogDb } from '../catalog-db.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbNamed, dbOption, resolveDb } from '../db-option.js';

const SYS_PCI = '/sys/bus/pci/devices';

/** This machine's PCI functions, read from sysfs (`vendor`, `device`, `class` hold `0x…` values). */
function localDevices(root: string): SeenDevice[] {
  if (!existsSync(root)) throw new CliExit(1, `${root} does not exist; pass lspci -nn output as a file instead`);
  const hex = (dir: string, name: string) =>
    readFileSync(join(dir, name), 'utf8').trim().replace(/^0x/, '').toLowerCase();
  return readdirSync(root)
    .sort()
    .flatMap((slot) => {
      const dir = join(root, slot);
      try {
        return [
          seenDevice('sysfs', {
            slot,
            vendorId: hex(dir, 'vendor'),
            deviceId: hex(dir, 'device'),
            classCode: hex(dir, 'class').slice(0, 4),
          }),
        ];
      } catch {
        return [];
      }
    });
}

/** `chipreg identify [file]`: what accelerators are in this lspci dump (or this machine), and what is certified on them. */
export function registerIdentify(program: Command, io: CliIO): void {
  dbOption(program.command('identify'))
    .description(
      "recognise accelerators in a machine dump (lspci in any form, sysfs, or a vendor tool such as npu-smi, cnmon, xpu_smi; a file, or - for stdin) or, without a file, in this machine's /sys/bus/pci/devices",
    )
    .argument('[file]', 'lspci, sysfs or vendor-tool output')
    .option('--sys <dir>', 'sysfs PCI folder to read when no file is given', SYS_PCI)
    .option('--json', 'print the answer as JSON')
    .action((file: string | undefined, options: { db?: string; sys: string; json?: boolean }) => {
      const db = openCatalogDb(resolveDb(options, io), dbNamed(options, io));
      try {
        const identify = createDeps({ db }).identify;
        let text: string | null = null;
        if (file) {
          try {
            text = readFileSync(file === '-' ? 0 : file, 'utf8');
          } catch (error) {
            throw new CliExit(
              2,
              `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
            );
          }
        }
        let answer;
        try {
          answer = text === null ? identify.fromDevices(localDevices(options.sys)) : identify.fromText(text);
        } catch (error) {
          if (!(error instanceof NotADumpError)) throw error;
          throw new CliExit(1, `${error.message}\naccepted:\n  ${(error.extra.accepted as string[]).join('\n  ')}`);
        }
        if (options.json) return void io.stdout.write(JSON.stringify(answer, null, 2) + '\n');
        const lines = [answer.summary];
        for (const r of answer.recognized) {
          const name = `${r.chip.nameEn}${r.chip.nameZh ? ` (${r.chip.nameZh})` : ''}`;
          const facts = [
            r.sku ? `SKU ${r.sku.name}` : r.skuCandidates.length ? `SKU one of ${r.skuCandidates.join(', ')}` : null,
            r.boards !== null ? `${r.boards} board(s)` : null,
            r.totalMemoryGiB !== null ? `${r.totalMemoryGiB} GiB in all` : null,
          ].filter((f) => f !== null);
          lines.push(`${name} × ${r.count}  [${r.chip.id}]${facts.length ? `  ${facts.join(', ')}` : ''}`);
          for (const m of r.models.slice(0, 10)) {
            const fits = m.fit.filter((f) => f.fits).map((f) => f.precision);
            const level = m.level ? `${m.level}${m.verified ? '' : ' (declared)'}` : 'not certified';
            lines.push(`  ${m.model}: ${level}${fits.length ? `; fits at ${fits.join(', ')}` : ''}`);
          }
        }
        for (const u of answer.unresolved)
          lines.push(
            `${u.vendor ?? 'unknown vendor'} × ${u.count}: ${u.reason}; candidates ${u.candidates.join(', ') || 'none'}`,
          );
        for (const u of answer.unknown)
          lines.push(`unknown ${u.pciId ?? '?'} × ${u.count}${u.name ? `  ${u.name}` : ''}`);
        io.stdout.write(lines.join('\n') + '\n');
      } finally {
        db.close();
      }
    });
}
