/**
 * Precision as its parts (weights, activations, KV cache, quantization method) and the canonical
 * name that stands for the weight/activation pair: `bf16`, `fp8`, `w8a8`, `w8a16`, `w4a16`, `w4a8`,
 * `int8` / `int4` (weights only, activations not stated). v1 precisions map onto the same parts.
 */
import type { Dtype, Precision, PrecisionClass, PrecisionMatchRule } from './vocabulary.js';

export interface PrecisionParts {
  weights: Dtype;
  activations?: Dtype;
  kvCache?: Dtype;
  method?: string;
}

const FLOAT16 = new Set<Dtype>(['fp32', 'bf16', 'fp16']);

/** The canonical name of the weight/activation pair. */
export function canonicalPrecision(p: PrecisionParts): Precision {
  const w = p.weights;
  const a = p.activations;
  if (w === 'int8') return a === 'int8' ? 'w8a8' : a && FLOAT16.has(a) ? 'w8a16' : 'int8';
  if (w === 'int4') return a === 'int8' ? 'w4a8' : a && FLOAT16.has(a) ? 'w4a16' : 'int4';
  return w;
}

/** The parts a v1 precision name stands for. */
export function partsOf(precision: Precision): PrecisionParts {
  switch (precision) {
    case 'w8a8':
      return { weights: 'int8', activations: 'int8' };
    case 'w8a16':
      return { weights: 'int8', activations: 'fp16' };
    case 'w4a16':
      return { weights: 'int4', activations: 'fp16' };
    case 'w4a8':
      return { weights: 'int4', activations: 'int8' };
    default:
      return { weights: precision };
  }
}

/** The weight dtype of a canonical precision. */
export const weightsOf = (precision: Precision): Dtype => partsOf(precision).weights;

/** 16-bit or wider floats, 8-bit, 4-bit: weights decide. */
export function precisionClassOf(weights: Dtype): PrecisionClass {
  return weights === 'int4' ? '4bit' : weights === 'int8' || weights === 'fp8' ? '8bit' : '16bit';
}

const ALL: readonly Precision[] = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'w8a8', 'w8a16', 'w4a16', 'w4a8', 'int4'];

/**
 * The certified precisions a query matches, and why. A bare weight dtype (`int8`, `int4`) matches
 * every precision with those weights (`int8` → int8, w8a8, w8a16); any other name matches exactly.
 */
export function precisionQuery(requested: Precision): { matches: Precision[]; rule: PrecisionMatchRule } {
  if (requested === 'int8' || requested === 'int4')
    return { matches: ALL.filter((p) => weightsOf(p) === requested), rule: 'weights' };
  return { matches: [requested], rule: 'exact' };
}
