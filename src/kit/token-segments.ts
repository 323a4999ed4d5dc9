/**
 * How the kit counts tokens when the server gives no token ids: the kit ships no model tokenizer,
 * so "token" means a Unicode word segment (UAX #29 via `Intl.Segmenter`), except that Han, kana and
 * Hangul segments count one token per character and each punctuation or symbol character is one
 * token; whitespace is not a token. Stated in every report next to the numbers it produced.
 */
export const SEGMENTER_METHOD =
  'Unicode word segments (Intl.Segmenter, UAX #29); one token per Han/kana/Hangul character and per punctuation or symbol character; whitespace ignored';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

export function segmentTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFC'))) {
    if (isWordLike && !CJK.test(segment)) {
      // A word segment may hold whitespace that UAX #29 keeps inside it (U+202F between digits, U+FEFF): never a token.
      for (const part of segment.split(/\s+/u)) if (part) tokens.push(part);
    } else {
      for (const ch of segment) if (!/\s/u.test(ch)) tokens.push(ch);
    }
  }
  return tokens;
}

/** The first `n` tokens of two outputs are equal (both shorter than `n`: the outputs are equal throughout). */
export function samePrefix<T>(a: readonly T[], b: readonly T[], n: number): boolean {
  const length = Math.min(n, Math.max(a.length, b.length));
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}
