/**
 * The JSON pointer of the first object member whose name repeats within its object, or null.
 * `JSON.parse` keeps the last of duplicated members silently while other parsers keep the first, so
 * a signed or submitted document with duplicates can mean two things: chipreg refuses it instead.
 * Expects text that `JSON.parse` accepted; a linear scan with one set of names per open object.
 * It runs on every JSON body, so it jumps from quote to quote and writes a pointer only when it finds a duplicate.
 */
export function findDuplicateMember(text: string): string | null {
  /** One open object (names seen) or array (null); `slot` is where it sits in its parent: a member name or an index. */
  const frames: Array<{ names: Set<string> | null; slot: string | number; index: number; key: string | null }> = [];
  const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
  const pointerTo = (name: string) =>
    frames
      .slice(1)
      .map((f) => `/${typeof f.slot === 'string' ? escape(f.slot) : f.slot}`)
      .join('') + `/${escape(name)}`;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // The closing quote: the next one not escaped by an odd run of backslashes.
      let j = text.indexOf('"', i + 1);
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 0x5c /* \ */) backslashes++;
        if (backslashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      const top = frames[frames.length - 1];
      if (expectKey && top?.names) {
        const raw = text.slice(i + 1, j);
        // Only a name with an escape (`\u0061` is `a`) needs decoding to be compared.
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        if (top.names.has(name)) return pointerTo(name);
        top.names.add(name);
        top.key = name;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const top = frames[frames.length - 1];
      const slot = !top ? '' : top.names ? (top.key ?? '') : top.index;
      frames.push({ names: c === 0x7b ? new Set() : null, slot, index: 0, key: null });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.names) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}
