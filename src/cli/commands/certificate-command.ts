import { findDuplicateMember } from '../../domain/json-duplicates.js';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openDatabase } from '../../db/open-database.js';
import { createSigningKeyRepository } from '../../db/signing-key-repository.js';
import { verifySignature } from '../../signing/certificate-signature.js';
import {
  checkRevocationList,
  logVerifiers,
  type PublishedKey,
  type VerifiedRevocationList,
} from '../../signing/revocation-list-check.js';
import { checkCertificateLogged } from '../../tlog/certificate-log-proof.js';
import { parseCheckpoint } from '../../tlog/checkpoint.js';
import { parseNote } from '../../tlog/signed-note.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';
import { readInputFile } from '../read-input-file.js';

function readJson(file: string, what: string): unknown {
  let text: string;
  let doc: unknown;
  try {
    text = readInputFile(file);
    doc = JSON.parse(text);
  } catch (error) {
    throw new CliExit(2, `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  const duplicate = findDuplicateMember(text);
  if (duplicate !== null) throw new CliExit(1, `${file}: ${duplicate} is given more than once; refusing to verify`);
  return doc;
}

async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new CliExit(3, `cannot reach ${url}: ${(error as Error).message}`);
  }
  if (!res.ok) throw new CliExit(3, `${url} answered ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new CliExit(3, `${url} did not answer JSON`);
  }
}

const keysOf = (doc: unknown, from: string): PublishedKey[] => {
  const list = doc as { items?: unknown };
  if (!Array.isArray(list?.items)) throw new CliExit(2, `${from} is not a GET /v1/keys answer ({items: [...]})`);
  return list.items as PublishedKey[];
};

const age = (fromIso: string, to: Date) => {
  const s = Math.max(0, Math.round((to.getTime() - Date.parse(fromIso)) / 1000));
  return s < 120
    ? `${s} s`
    : s < 7200
      ? `${Math.round(s / 60)} min`
      : s < 172800
        ? `${Math.round(s / 3600)} h`
        : `${Math.round(s / 86400)} days`;
};

interface VerifyOptions {
  db?: string;
  keys?: string;
  revocations?: string;
  online?: string;
  at?: string;
  json?: boolean;
}

/**
 * `chipreg certificate verify <file>`: offline, checks the signature (against a saved GET /v1/keys or the
 * local database), the proof that the issuance was publicly logged, expiry, and, given a signed
 * revocation list (`--revocations`, or fetched with `--online`), revocation and supersession.
 * Exit 0 only for an authentic, logged, current certificate; 1 otherwise; 2 usage; 3 unreachable.
 */
export function registerCertificate(program: Command, io: CliIO): void {
  const certificate = program.command('certificate').description('work with signed certificates');
  dbOption(certificate.command('verify'))
    .description('verify a signed certificate: signature, log inclusion, expiry, revocation')
    .argument('<file>', 'a certificate as served by GET /v1/certifications/{id}/certificate')
    .option('--keys <file>', 'public keys as served by GET /v1/keys (default: --online, else the local database)')
    .option('--revocations <file>', 'a signed revocation list as served by GET /v1/revocations')
    .option('--online <url>', 'fetch the keys (unless --keys) and the revocation list from this registry')
    .option('--at <time>', 'check expiry at this ISO 8601 time instead of now')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: VerifyOptions) => {
      if (options.revocations && options.online) throw new CliExit(2, 'give --revocations or --online, not both');
      const at = options.at === undefined ? new Date() : new Date(options.at);
      if (Number.isNaN(at.getTime())) throw new CliExit(2, `--at "${options.at}" is not an ISO 8601 time`);
      const base = options.online?.replace(/\/+$/, '');
      const doc = readJson(file, 'certificate') as { certificate?: Record<string, unknown>; log?: unknown };

      let keys: PublishedKey[];
      if (options.keys) keys = keysOf(readJson(options.keys, 'keys file'), options.keys);
      else if (base) keys = keysOf(await fetchJson(`${base}/v1/keys`), `${base}/v1/keys`);
      else {
        const path = resolveDb(options, io);
        if (!existsSync(path))
          throw new CliExit(2, `no database at ${path}: pass --keys with a saved copy of GET /v1/keys, or --online`);
        const db = openDatabase(path, { readonly: true });
        try {
          keys = createSigningKeyRepository(db).list();
        } finally {
          db.close();
        }
      }

      const signature = verifySignature(doc, (id) => keys.find((k) => k.id === id) ?? null);
      const cert = signature.valid ? doc.certificate! : null;
      const origin = (() => {
        const p = doc.log as { checkpoint?: unknown } | undefined;
        const note = typeof p?.checkpoint === 'string' ? parseNote(p.checkpoint) : null;
        return (note && parseCheckpoint(note.text)?.origin) ?? '';
      })();
      const log = cert ? checkCertificateLogged(cert, doc.log, logVerifiers(keys, origin)) : null;

      let list: VerifiedRevocationList | null = null;
      if (options.revocations || base) {
        const raw = options.revocations
          ? readJson(options.revocations, 'revocation list')
          : await fetchJson(`${base}/v1/revocations`);
        const checked = checkRevocationList(raw, keys);
        if (!checked.ok) throw new CliExit(1, checked.reason);
        list = checked.list;
      }

      const entry = cert && list ? (list.items.find((i) => i.id === cert.id) ?? null) : null;
      const validUntil = typeof cert?.validUntil === 'string' ? cert.validUntil : null;
      const status = !cert
        ? null
        : entry?.status === 'revoked'
          ? 'revoked'
          : entry?.status === 'superseded'
            ? 'superseded'
            : validUntil && Date.parse(validUntil) <= at.getTime()
              ? 'expired'
              : list
                ? 'active'
                : 'unknown';
      const freshness = list
        ? `revocation data: signed list cut at ${list.issuedAt} (${age(list.issuedAt, new Date())} old), log ${list.origin} at size ${list.treeSize}`
        : 'revocation data: none (pass --revocations <file> or --online <url>); revocation and supersession not checked';
      const ok = signature.valid && log?.logged === true && (status === 'active' || status === 'unknown');

      if (options.json) {
        io.stdout.write(
          JSON.stringify({
            valid: signature.valid,
            reason: signature.reason,
            keyId: signature.keyId,
            logged: log?.logged ?? false,
            logReason: log?.reason ?? null,
            status,
            revocation: entry,
            validUntil,
            revocationData: list ? { issuedAt: list.issuedAt, origin: list.origin, treeSize: list.treeSize } : null,
          }) + '\n',
        );
      } else {
        const lines = [`${signature.valid ? 'valid' : 'INVALID'}: ${signature.reason}`];
        if (log) lines.push(`${log.logged ? 'logged' : 'NOT PROVEN LOGGED'}: ${log.reason}`);
        if (status === 'revoked') lines.push(`status: REVOKED at ${entry!.revokedAt}: ${entry!.reason}`);
        else if (status === 'superseded') lines.push(`status: SUPERSEDED by ${entry!.supersededBy}`);
        else if (status === 'expired') lines.push(`status: EXPIRED on ${validUntil}`);
        else if (status === 'active') lines.push(`status: active${validUntil ? ` until ${validUntil}` : ''}`);
        else if (status === 'unknown')
          lines.push(`status: not revoked as far as this copy knows${validUntil ? `; valid until ${validUntil}` : ''}`);
        if (cert) lines.push(freshness);
        io.stdout.write(lines.join('\n') + '\n');
      }
      if (!ok) throw new CliExit(1);
    });
}
