/** Hand-written mirrors of the catalog schemas in schemas/*.v1.schema.json (the contract tests guard them). */

import type {
  Channel,
  ComponentKind,
  Confidence,
  DeploymentForm,
  DeviceClass,
  Precision,
  SearchKind,
} from './vocabulary.js';

export type { Channel, ComponentKind, DeploymentForm, DeviceClass, Precision };

export interface Source {
  url: string;
  confidence?: Confidence;
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

export interface ChipSku {
  name: string;
  aliases: string[];
  memoryGiB: number | null;
  subsystems: Array<{ vendor: string; device: string }>;
  source: string;
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
  devicesPerBoard?: number | null;
  skus?: ChipSku[];
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
  activeParametersB?: number | null;
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
  figures?: { points?: Array<Record<string, unknown>>; benchmarks?: Array<Record<string, unknown>> };
  statement: string;
  detail?: string | null;
  /** Date of the source (YYYY-MM-DD), which becomes the declaration's `issuedAt`. */
  date?: string;
  source: Source;
}

export type RecordKind = SearchKind;
