import type { Precision } from '../vocabulary.js';

/** Bytes per weight at each precision (w4a16/w4a8 store 4-bit weights; w8a8 8-bit). */
export const BYTES_PER_WEIGHT: Record<Precision, number> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  w8a8: 1,
  w8a16: 1,
  w4a16: 0.5,
  w4a8: 0.5,
  int4: 0.5,
};

/**
 * Memory headroom on top of the weights: KV cache, activations and the runtime. 20% is a floor
 * for short contexts, not a promise (docs/decisions.md); long contexts and large batches need more.
 */
export const FIT_OVERHEAD = 0.2;

export interface Fit {
  precision: Precision;
  weightsGiB: number;
  neededGiB: number;
  fits: boolean;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Whether a model of `parametersB` billion weights fits in `memoryGiB` at each precision. */
export function fitAt(parametersB: number, memoryGiB: number, precisions: readonly Precision[]): Fit[] {
  return precisions.map((precision) => {
    const weights = (parametersB * 1e9 * BYTES_PER_WEIGHT[precision]) / 2 ** 30;
    const needed = weights * (1 + FIT_OVERHEAD);
    return { precision, weightsGiB: round(weights), neededGiB: round(needed), fits: needed <= memoryGiB };
  });
}
