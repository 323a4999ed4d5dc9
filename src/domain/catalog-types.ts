/** Hand-written mirrors of the catalog schemas in schemas/*.v1.schema.json (the contract tests guard them). */

export type DeviceClass = 'datacenter' | 'edge' | 'mobile' | 'vehicle' | 'supercomputer';
export const PRECISIONS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'w8a8', 'w4a16', 'w4a8', 'int4'] as const;
export type Precision = (typeof PRECISIONS)[number];
export const DEPLOYMENT_FORMS = ['public-api', 'cloud-private', 'local-private', 'on-device'] as const;
export type DeploymentForm = (typeof DEPLOYMENT_FORMS)[number];
export const DEVICE_CLASSES = ['datacenter', 'edge', 'mobile', 'vehicle', 'supercomputer'] as const;
export type ComponentKind = 'driver' | 'firmware' | 'sdk' | 'compiler' | 'framework' | 'plugin' | 'engine' | 'os';
export type Channel = 'ga' | 'rc' | 'nightly';

export interface Source {
  url: string;
  confidence?: 'high' | 'medium' | 'low';
  note?: string;
}

export interface Fact {
  field: string;
  value: string;
  source: Source;
}

export interface StackComponent {
  kind: ComponentKind;
  name: string;
  version: string;
  channel?: Channel;
}

export interface Vendor {
  id: string;
  nameEn: string;
  nameZh?: string | null;
  roles: string[];
  website?: string | null;
  headquarters?: string | null;
  pciVendorIds?: string[];
  aliases?: string[];
  sources: Source[];
}

export interface Chip {
  id: string;
  vendor: string;
  family?: string | null;
  nameEn: string;
  nameZh?: string | null;
  deviceClass: DeviceClass | null;
  memoryGiB?: number | null;
  memoryType?: string | null;
  precisions?: Precision[];
  aliases: string[];
  pciIds: Array<{ vendor: string; device: string; name?: string | null; source: string }>;
  facts: Fact[];
}

export interface System {
  id: string;
  vendor: string;
  nameEn: string;
  nameZh?: string | null;
  chip: string;
  chipsPerSystem?: number | null;
  aliases: string[];
  facts: Fact[];
}

export interface Model {
  id: string;
  family: string;
  publisher: string;
  nameEn: string;
  nameZh?: string | null;
  parametersB?: number | null;
  modality: string;
  license?: string | null;
  repository?: string | null;
  aliases: string[];
  sources: Source[];
}

export interface Software {
  id: string;
  vendor: string;
  kind: ComponentKind;
  name: string;
  aliases: string[];
  versions: Array<{ version: string; channel: Channel; source: Source }>;
}

export interface Declaration {
  id: string;
  model: string;
  chip: string;
  system?: string | null;
  devices?: number | null;
  precisions?: Precision[];
  form?: DeploymentForm | null;
  stack?: StackComponent[];
  statement: string;
  detail?: string | null;
  source: Source;
}

export type RecordKind = 'vendor' | 'chip' | 'system' | 'model';
