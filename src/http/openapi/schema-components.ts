/**
 * Turns the files of schemas/ into OpenAPI components: each file becomes `components.schemas`
 * entry named after it (`chip.v1`, `responses.chip-list.v1`), its `$defs` are hoisted to
 * `<file>.<def>`, and every `$ref` is rewritten to point there. `$id`/`$schema` are dropped
 * because an `$id` inside a component would change the base that `#/components/…` resolves against.
 */
export const componentName = (file: string): string => file.replace(/\.schema\.json$/, '').replace(/\//g, '.');

function resolveRef(ref: string, fromFile: string): string {
  const [target, fragment] = ref.split('#');
  const base = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/') + 1) : '';
  const file = target ? new URL(target, `https://x/${base}`).pathname.slice(1) : fromFile;
  const def = fragment?.match(/^\/\$defs\/([^/]+)$/)?.[1];
  if (fragment && !def) throw new Error(`unsupported $ref ${ref} in ${fromFile}`);
  return `#/components/schemas/${componentName(file)}${def ? `.${def}` : ''}`;
}

function rewrite(node: unknown, file: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, file));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema' || key === '$defs') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? resolveRef(value, file) : rewrite(value, file);
  }
  return out;
}

export function schemaComponents(files: ReadonlyMap<string, object>): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  for (const [file, schema] of files) {
    const defs = (schema as { $defs?: Record<string, unknown> }).$defs ?? {};
    for (const [name, def] of Object.entries(defs)) components[`${componentName(file)}.${name}`] = rewrite(def, file);
    components[componentName(file)] = rewrite(schema, file);
  }
  return components;
}
