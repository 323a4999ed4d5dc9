/**
 * The JSON pointer of the first object member whose name repeats within its object, or null.
 * `JSON.parse` keeps the last of duplicated members silently while other parsers keep the first, so
 * a signed or submitted document with duplicates can mean two things: chipreg refuses it instead.
 * Expects text that `JSON.parse` accepted; a linear scan with one set of names per open object.
 */
export function findDuplicateMember(text: string): string | null {
  const frames: Array<{ names: Set<string> | null; path: string; index: number; key: string | null }> = [];
  const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
  const here = () => frames[frames.length - 1];
  const childPath = () => {
    const top = here();
    if (!top) return '';
    return top.names ? `${top.path}/${escape(top.key ?? '')}` : `${top.path}/${top.index}`;
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = here();
      if (expectKey && top?.names) {
        const name = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.names.has(name)) return `${top.path}/${escape(name)}`;
        top.names.add(name);
        top.key = name;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const path = childPath();
      frames.push({ names: c === '{' ? new Set() : null, path, index: 0, key: null });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      frames.pop();
    } else if (c === ',') {
      const top = here();
      if (top?.names) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}
