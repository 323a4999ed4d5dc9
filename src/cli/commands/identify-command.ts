import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createDeps } from '../../deps.js';
import type { PciDevice } from '../../domain/lspci-parser.js';
import { openCatalogDb } from '../catalog-db.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbNamed, dbOption, resolveDb } from '../db-option.js';

const SYS_PCI = '/sys/bus/pci/devices';

/** This machine's PCI functions, read from sysfs (`vendor`, `device`, `class` hold `0x…` values). */
function localDevices(root: string): PciDevice[] {
  if (!existsSync(root)) throw new CliExit(1, `${root} does not exist; pass lspci -nn output as a file instead`);
  const hex = (dir: string, name: string) =>
    readFileSync(join(dir, name), 'utf8').trim().replace(/^0x/, '').toLowerCase();
  return readdirSync(root)
    .sort()
    .flatMap((slot) => {
      const dir = join(root, slot);
      try {
        return [
          {
            slot,
            vendor: hex(dir, 'vendor'),
            device: hex(dir, 'device'),
            classCode: hex(dir, 'class').slice(0, 4),
            name: null,
          },
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
      "recognise accelerators in `lspci -nn` output (a file, or - for stdin) or, without a file, in this machine's /sys/bus/pci/devices",
    )
    .argument('[file]', 'lspci -nn output')
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
        const answer = text === null ? identify.fromDevices(localDevices(options.sys)) : identify.fromLspci(text);
        if (options.json) return void io.stdout.write(JSON.stringify(answer, null, 2) + '\n');
        const lines = [`${answer.devices} PCI devices read`];
        for (const r of answer.recognized) {
          lines.push(`${r.chip.nameEn}${r.chip.nameZh ? ` (${r.chip.nameZh})` : ''} × ${r.count}  [${r.chip.id}]`);
          for (const c of r.certifications)
            lines.push(`  ${c.level} ${c.model} ${c.precision ?? ''} ${c.form ?? ''} ${c.id}`);
          if (!r.certifications.length) lines.push('  no active verified certification');
        }
        for (const u of answer.unknown) lines.push(`unknown ${u.pciId} × ${u.count}${u.name ? `  ${u.name}` : ''}`);
        io.stdout.write(lines.join('\n') + '\n');
      } finally {
        db.close();
      }
    });
}
