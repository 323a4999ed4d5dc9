/**
 * What makes an output "garbled", precisely: it contains U+FFFD (a byte sequence that was not valid
 * UTF-8 when the server decoded tokens), a lone UTF-16 surrogate, a Unicode noncharacter
 * (U+FFFE, U+FFFF and the other 64), or a control character other than tab, LF and CR (C0, DEL, C1).
 * A healthy deployment never emits any of them for these prompts; a broken kernel or a wrong
 * vocabulary file does.
 */
export const GARBLED_DEFINITION =
  'contains U+FFFD, a lone surrogate, a Unicode noncharacter, or a control character other than TAB/LF/CR';

const GARBLED =
  /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isGarbled(text: string): boolean {
  if (GARBLED.test(text)) return true;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff && (cp & 0xfffe) === 0xfffe) return true;
  }
  return false;
}

/**
 * NaN or Inf in an output: the whole answer is a NaN/Inf literal (what a broken logits path
 * prints), or the server sent non-finite logprobs (Python servers write them as bare `NaN` /
 * `Infinity`, which is not JSON; see `parseLenientJson`).
 */
export const NAN_OR_INF_DEFINITION =
  'the output is only a NaN/Inf literal, or the response carried NaN/Infinity where JSON needs a number (logprobs)';

export function isNanOrInfText(text: string): boolean {
  return /^\s*[-+]?(nan|inf|infinity)\s*$/i.test(text);
}

/** JSON.parse that also reads Python's bare NaN/Infinity, and says whether it had to. */
export function parseLenientJson(text: string): { value: unknown; nonFinite: boolean } {
  try {
    return { value: JSON.parse(text), nonFinite: false };
  } catch (error) {
    const replaced = text.replace(/(?<=[:,[]\s*)-?(NaN|Infinity)(?=\s*[,\]}])/g, 'null');
    if (replaced === text) throw error;
    return { value: JSON.parse(replaced), nonFinite: true };
  }
}

/**
 * End-of-sequence markers of the common chat templates. Text after one of them means the server
 * kept decoding past the end (the "at most one trailing EOS" rule of MLPerf TEST06).
 */
export const EOS_MARKERS = [
  '</s>',
  '<|endoftext|>',
  '<|im_end|>',
  '<|eot_id|>',
  '<|end_of_text|>',
  '<|EOT|>',
  '<|end|>',
  '<eos>',
  '<end_of_turn>',
  '<｜end▁of▁sentence｜>',
  '<|user|>',
];

/** The text after the first end marker when anything but whitespace follows it (a second marker too); null otherwise. */
export function textAfterEos(text: string): string | null {
  let first = -1;
  let marker = '';
  for (const m of EOS_MARKERS) {
    const at = text.indexOf(m);
    if (at !== -1 && (first === -1 || at < first)) {
      first = at;
      marker = m;
    }
  }
  if (first === -1) return null;
  const rest = text.slice(first + marker.length);
  return rest.trim() === '' ? null : rest;
}
