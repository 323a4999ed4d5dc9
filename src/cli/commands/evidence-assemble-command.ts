import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { createDeps } from '../../deps.js';
import {
  ARTIFACT_KINDS,
  CHANNELS,
  COMPONENT_KINDS,
  DEPLOYMENT_FORMS,
  LEVELS,
  PERFORMANCE_PROFILES,
} from '../../domain/vocabulary.js';
import { InvalidInputError, UnreadableToolOutputError } from '../../errors.js';
import { assembleSubmission, type Artifact } from '../../evidence/assemble-submission.js';
import { artifactUri } from '../../evidence/artifact-uri.js';
import { parseReference, withReferences } from '../../evidence/references.js';
import { overlay, parseDescription, type Description } from '../../evidence/deployment-description.js';
import type { ImportFragment, OperatingPoint } from '../../evidence/fragment.js';
import { FRAGMENT_SCHEMA, importChecked } from '../../evidence/import-file.js';
import { readToolOutput } from '../read-tool-output.js';
import { jsonObjectOrNull } from '../../evidence/json-text.js';
import { submitDocument } from '../../evidence/submit-document.js';
import { createHash } from 'node:crypto';
import type { SchemaRegistry } from '../../schemas/schema-registry.js';
import { createSchemaRegistry } from '../../schemas/schema-registry.js';
import type { ValidationReport } from '../../services/validation-service.js';
import { openCatalogDb } from '../catalog-db.js';
import { CliExit, type CliIO } from '../cli-io.js';
import { dbOption, resolveDb } from '../db-option.js';
import { unreadableMessage } from './evidence-import-command.js';
import { renderReport } from './validate-command.js';

const SUBMISSION_V2_SCHEMA = 'submission.v2.schema.json';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const STACK = /^([a-z]+):([^@]+)@([^:]+)(?::([a-z]+))?$/;
const ARTIFACT = /^([a-z]+):(.+)$/;

/** The flags, parsed at the edge; each one a field of the description. */
const flagsShape = z.object({
  description: z.string().optional(),
  organization: z.string().min(1).optional(),
  contact: z.string().min(1).optional(),
  measuredBy: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  revision: z.string().min(1).optional(),
  chip: z.string().min(1).optional(),
  system: z.string().min(1).optional(),
  devices: z.coerce.number().int().positive().optional(),
  weights: z.string().min(1).optional(),
  activations: z.string().min(1).optional(),
  kvCache: z.string().min(1).optional(),
  quantMethod: z.string().min(1).optional(),
  form: z.enum(DEPLOYMENT_FORMS).optional(),
  stack: z
    .array(
      z
        .string()
        .regex(STACK, 'is kind:name@version[:channel], e.g. sdk:CANN@8.0.0:ga')
        .transform((s) => {
          const [, kind, name, version, channel] = STACK.exec(s)!;
          return { kind: kind!, name: name!, version: version!, ...(channel ? { channel } : {}) };
        })
        .refine((c) => (COMPONENT_KINDS as readonly string[]).includes(c.kind), 'has an unknown component kind')
        .refine((c) => !c.channel || (CHANNELS as readonly string[]).includes(c.channel), 'has an unknown channel'),
    )
    .optional(),
  os: z.string().min(1).optional(),
  container: z.string().min(1).optional(),
  profile: z.enum(PERFORMANCE_PROFILES).optional(),
  claimedLevel: z.enum(LEVELS).optional(),
  requirementSet: z
    .string()
    .regex(/^\d{4}\.\d{1,3}$/)
    .optional(),
  kitReport: z.array(z.string()).optional(),
  reference: z.array(z.string()).optional(),
  artifact: z.array(z.string().regex(ARTIFACT, 'is kind:path, e.g. environment:env.txt')).optional(),
  artifactBase: z.url().optional(),
  out: z.string().optional(),
  json: z.boolean().optional(),
  submit: z.url().optional(),
  key: z.string().min(1).optional(),
  format: z.string().optional(),
  column: z.string().optional(),
  db: z.string().optional(),
});
type Flags = z.infer<typeof flagsShape>;

/** What the flags say about the deployment, as a description to lay over the file's. */
function flagDescription(f: Flags): Description {
  const precision = { weights: f.weights, activations: f.activations, kvCache: f.kvCache, method: f.quantMethod };
  return {
    claimedLevel: f.claimedLevel,
    requirementSet: f.requirementSet,
    submitter: { organization: f.organization, contact: f.contact },
    measuredBy: f.measuredBy,
    deployment: {
      model: { id: f.model, revision: f.revision },
      chip: f.chip,
      system: f.system,
      devices: f.devices,
      precision,
      form: f.form,
      stack: f.stack,
      os: f.os,
      container: f.container,
    },
    evidence: { performance: { profile: f.profile } },
  };
}

/** Objects the flags left empty are dropped, so they do not overwrite the file's fields with nothing. */
function pruned(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    if (member && typeof member === 'object' && !Array.isArray(member)) {
      const inner = pruned(member as Record<string, unknown>);
      if (Object.keys(inner).length) out[key] = inner;
    } else out[key] = member;
  }
  return out;
}

/** A file given to assemble: an import fragment (from `evidence import --json`) or a raw tool output. */
function readInput(
  path: string,
  schemas: SchemaRegistry,
  format: string | undefined,
  model: string | undefined,
): ImportFragment {
  const raw = readToolOutput(path);
  const parsed = jsonObjectOrNull(raw.toString('utf8'));
  if (parsed && 'format' in parsed && 'sha256' in parsed && 'file' in parsed) {
    const problems = schemas.validate(FRAGMENT_SCHEMA, parsed);
    if (problems.length) throw new InvalidInputError(`${path}: not a valid import fragment`, problems);
    return parsed as unknown as ImportFragment;
  }
  return importChecked(raw, basename(path), schemas, { format, model });
}

/**
 * A report of the kit's own runs: `kit functional --json` carries the v2 `functional` section,
 * `kit single-stream --json` an operating point. Either is taken as the kit wrote it.
 */
function readKitReport(path: string, schemas: SchemaRegistry): { functional?: unknown; point?: OperatingPoint } {
  const report = jsonObjectOrNull(readToolOutput(path).toString('utf8'));
  const functional = report?.functional;
  const point = report?.operatingPoint as OperatingPoint | undefined;
  if (!report || (!functional && !point))
    throw new InvalidInputError(`${path}: not a report of chipreg kit functional or single-stream (--json)`);
  if (point) {
    const problems = schemas.validate(FRAGMENT_SCHEMA, kitFragment(path, point));
    if (problems.length)
      throw new InvalidInputError(`${path}: its operating point is not a v2 operating point`, problems);
  }
  return { functional, point };
}

/** The kit's operating point as a fragment, with the report itself as its artifact. */
const kitFragment = (path: string, point: OperatingPoint): ImportFragment => ({
  format: 'chipreg-kit-report',
  file: basename(path),
  sha256: createHash('sha256').update(readToolOutput(path)).digest('hex'),
  performance: { points: [point] },
  warnings: [],
});

/** `chipreg evidence assemble`: description + tool outputs → a v2 submission, validated, optionally submitted. */
export function registerEvidenceAssemble(evidence: Command, io: CliIO): void {
  dbOption(evidence.command('assemble'))
    .description('build a v2 submission from a deployment description and imported tool outputs')
    .argument('[files...]', 'import fragments (evidence import --json) or raw tool outputs')
    .option('--description <file>', 'deployment description (YAML or JSON): submitter, deployment, other evidence')
    .option('--organization <id>', 'submitting organisation (id or alias)')
    .option('--contact <email>', 'contact of the submitter')
    .option('--measured-by <id>', 'organisation that ran the measurements, if not the submitter')
    .option('--model <id>', 'model id or alias')
    .option('--revision <rev>', 'model revision (commit or tag)')
    .option('--chip <ref>', 'chip id or alias')
    .option('--system <ref>', 'system id or alias')
    .option('--devices <n>', 'number of devices')
    .option('--weights <dtype>', 'weight precision, e.g. int8')
    .option('--activations <dtype>', 'activation precision')
    .option('--kv-cache <dtype>', 'KV-cache precision')
    .option('--quant-method <name>', 'quantization method, e.g. smoothquant')
    .option('--form <form>', `deployment form: ${DEPLOYMENT_FORMS.join(', ')}`)
    .option('--stack <component>', 'a stack component kind:name@version[:channel] (repeatable)', collect)
    .option('--os <name>', 'operating system')
    .option('--container <image>', 'container image')
    .option('--profile <profile>', `performance profile: ${PERFORMANCE_PROFILES.join(', ')}`)
    .option('--claimed-level <level>', 'level claimed')
    .option('--requirement-set <id>', 'requirement set (default 2026.2)')
    .option(
      '--kit-report <file>',
      'a `chipreg kit functional|single-stream --json` report: its functional section or operating point (repeatable)',
      collect,
    )
    .option(
      '--reference <benchmark[:metric]=value>',
      "a reference platform's score for an imported benchmark, e.g. lambada_openai:perplexity=15.2 (repeatable)",
      collect,
    )
    .option(
      '--artifact <kind:path>',
      `another evidence file to attach (${ARTIFACT_KINDS.join(', ')}; repeatable)`,
      collect,
    )
    .option('--artifact-base <url>', 'URL the raw files will be published under (default: file: URIs)')
    .option('--format <name>', 'read every raw file as this format')
    .option('--column <model>', 'the model column to read from summaries that compare several models')
    .option('-o, --out <file>', 'write the document here (default: stdout, with the report on stderr)')
    .option('--json', 'print {document, report, warnings} as one JSON object')
    .option('--submit <url>', 'registry to submit the document to when it is valid')
    .option('--key <key>', 'API key for --submit')
    .action(async (files: string[], options: Record<string, unknown>) => {
      const parsed = flagsShape.safeParse(options);
      if (!parsed.success)
        throw new CliExit(2, parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
      const flags = parsed.data;
      if (flags.submit && !flags.key) throw new CliExit(2, '--submit needs --key');
      const schemas = createSchemaRegistry();

      let fragments: ImportFragment[];
      let functional: unknown;
      const artifacts: Artifact[] = [];
      try {
        fragments = files.map((file) => readInput(file, schemas, flags.format, flags.column));
        for (const path of flags.kitReport ?? []) {
          const report = readKitReport(path, schemas);
          functional = report.functional ?? functional;
          if (report.point) fragments.push(kitFragment(path, report.point));
          else
            artifacts.push({
              kind: 'results',
              uri: artifactUri(path, flags.artifactBase),
              sha256: createHash('sha256').update(readToolOutput(path)).digest('hex'),
              tool: { name: 'chipreg-kit' },
            });
        }
        for (const fragment of fragments)
          artifacts.push({
            kind: 'results',
            uri: artifactUri(fragment.file, flags.artifactBase),
            sha256: fragment.sha256,
            tool: {
              name:
                (fragment.performance?.points[0]?.tool ?? fragment.accuracy?.benchmarks[0]?.tool)?.name ??
                fragment.format,
            },
          });
        fragments = withReferences(fragments, (flags.reference ?? []).map(parseReference));
        for (const spec of flags.artifact ?? []) {
          const [, kind, path] = ARTIFACT.exec(spec)!;
          if (!(ARTIFACT_KINDS as readonly string[]).includes(kind!))
            throw new CliExit(2, `--artifact ${spec}: kind is one of ${ARTIFACT_KINDS.join(', ')}`);
          const sha256 = createHash('sha256').update(readToolOutput(path!)).digest('hex');
          artifacts.push({ kind: kind!, uri: artifactUri(path!, flags.artifactBase), sha256 });
        }
      } catch (error) {
        if (error instanceof UnreadableToolOutputError) throw new CliExit(1, unreadableMessage(error));
        throw error;
      }

      const flagged = overlay(
        flags.description
          ? parseDescription(readToolOutput(flags.description).toString('utf8'), flags.description)
          : {},
        pruned(flagDescription(flags)),
      );
      const description = functional ? overlay(flagged, { evidence: { functional } }) : flagged;
      const { document, warnings } = assembleSubmission(description, fragments, artifacts);
      const report = validate(document, schemas, resolveDb(flags, io));

      const reportText = report
        ? renderReport('submission', report)
        : `submission: assembled; not validated: this chipreg has no ${SUBMISSION_V2_SCHEMA} yet (the ${fragments.length} imported file(s) were checked against ${FRAGMENT_SCHEMA})\n`;
      const warningText = warnings.map((w) => `  warning: ${w}\n`).join('');
      if (flags.json) {
        io.stdout.write(JSON.stringify({ document, report, warnings }, null, 2) + '\n');
      } else if (flags.out) {
        writeFileSync(flags.out, JSON.stringify(document, null, 2) + '\n');
        io.stdout.write(reportText + warningText + `  written to ${flags.out}\n`);
      } else {
        io.stdout.write(JSON.stringify(document, null, 2) + '\n');
        io.stderr.write(reportText + warningText);
      }
      if (report && !report.valid) throw new CliExit(1);

      if (flags.submit) {
        let result;
        try {
          result = await submitDocument(flags.submit, flags.key!, document);
        } catch (error) {
          throw new CliExit(1, `could not reach ${flags.submit}: ${(error as Error).message}`);
        }
        const body = result.body as {
          id?: string;
          status?: string;
          level?: { achieved?: string };
          detail?: string;
          errors?: Array<{ pointer: string; detail: string }>;
        };
        if (result.status >= 300) {
          const problems = (body.errors ?? []).map((e) => `  ${e.pointer || '/'}: ${e.detail}`);
          throw new CliExit(
            1,
            [`the registry answered ${result.status}: ${body.detail ?? String(result.body)}`, ...problems].join('\n'),
          );
        }
        // stdout carries the document unless it went to --out.
        (flags.out && !flags.json ? io.stdout : io.stderr).write(
          `submitted: ${body.id} (${body.status}, earns ${body.level?.achieved ?? 'no level'}); Idempotency-Key ${result.idempotencyKey}\n`,
        );
      }
    });
}

/** The same report as POST /v1/validate, in-process; null while this chipreg has no submission v2 schema. */
function validate(document: unknown, schemas: SchemaRegistry, dbPath: string): ValidationReport | null {
  if (!schemas.files.has(SUBMISSION_V2_SCHEMA)) return null;
  const db = openCatalogDb(dbPath);
  try {
    return createDeps({ db, schemas }).validation.validate(document);
  } finally {
    db.close();
  }
}
