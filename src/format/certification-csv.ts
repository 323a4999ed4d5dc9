import type { Certification } from '../domain/certification-view.js';
import type { CsvColumn } from './csv.js';

/** The columns of a certification list as CSV, shared by `GET /v1/certifications` and `chipreg export`: the deployment fields flattened, one certification a line. */
export const certificationColumns: CsvColumn<Certification>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'level', value: (c) => c.level },
  { header: 'verified', value: (c) => c.verified },
  { header: 'status', value: (c) => c.status },
  { header: 'model', value: (c) => c.model },
  { header: 'chip', value: (c) => c.chip },
  { header: 'vendor', value: (c) => c.vendor },
  { header: 'system', value: (c) => c.system },
  { header: 'devices', value: (c) => c.devices },
  { header: 'precisions', value: (c) => c.precisions },
  { header: 'form', value: (c) => c.form },
  { header: 'stack', value: (c) => c.stack.map((s) => `${s.name}@${s.version}`) },
  { header: 'requirementSet', value: (c) => c.requirementSet },
  { header: 'issuedAt', value: (c) => c.issuedAt },
  { header: 'validUntil', value: (c) => c.validUntil },
  { header: 'source', value: (c) => c.source?.url },
  // The headline operating point of v2 evidence; empty for v1 certifications and declarations.
  { header: 'headlineOutputTokensPerSecond', value: (c) => c.headline?.outputTokensPerSecond },
  { header: 'headlineOutputTokensPerSecondPerDevice', value: (c) => c.headline?.outputTokensPerSecondPerDevice },
  { header: 'headlineTtftP99Ms', value: (c) => c.headline?.ttftP99Ms },
  { header: 'headlineTpotP99Ms', value: (c) => c.headline?.tpotP99Ms },
  { header: 'headlineDevices', value: (c) => c.headline?.devices },
  { header: 'headlineConcurrency', value: (c) => c.headline?.concurrency },
];
