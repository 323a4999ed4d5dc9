import { readFileSync } from 'node:fs';

/**
 * deploy/nginx.conf.template with its placeholders filled (deploy/README.md): PREFIX a directory
 * nginx may write to, LISTEN address:port, PRIMARY the primary's address:port, and one
 * `server … max_fails=1 fail_timeout=5s;` line per replica. The cluster spec and `npm run bench --
 * --cluster` run nginx from this.
 */
export function renderNginxConf(options: { prefix: string; listen: string; primary: string; replicas: string[] }) {
  const template = readFileSync(new URL('nginx.conf.template', import.meta.url), 'utf8');
  return template
    .replaceAll('{{PREFIX}}', options.prefix)
    .replaceAll('{{LISTEN}}', options.listen)
    .replaceAll('{{PRIMARY}}', options.primary)
    .replaceAll(
      '{{REPLICAS}}',
      options.replicas.map((address) => `server ${address} max_fails=1 fail_timeout=5s;`).join('\n    '),
    );
}
