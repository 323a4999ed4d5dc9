/** Query parameters whose values are credentials wherever they appear. */
const SECRET_PARAMS = /^(?:key|api[-_]?key|apikey|token|access[-_]?token|auth|authorization|bearer|password|secret)$/i;
/** chipreg's own API key format (decision 5): redacted wherever it appears, even under an innocent name. */
const API_KEY = /crk_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}/g;

/** A request URL fit for a log line: credentials sent in the query string (a client's mistake) never reach the log. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url.replace(API_KEY, '[redacted]');
  const params = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed escape is logged as sent: it names nothing secret.
      }
      return eq >= 0 && SECRET_PARAMS.test(decoded) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, at)}?${params.join('&')}`.replace(API_KEY, '[redacted]');
}
