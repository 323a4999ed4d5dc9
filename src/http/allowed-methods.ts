import type { Express } from 'express';

interface Layer {
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): unknown;
}

/**
 * The methods some route of the app answers at `path`, read from express's router so the answer can
 * never disagree with what is served (HEAD comes with GET). Routers are mounted at the root here,
 * so a mounted router's routes are matched against the whole path.
 */
export function allowedMethods(app: Express, path: string): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.match(path))
          for (const [method, on] of Object.entries(layer.route.methods)) if (on) found.add(method.toUpperCase());
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  if (found.has('GET')) found.add('HEAD');
  found.delete('_ALL');
  return [...found].sort();
}
