import { Router } from 'express';
import type { Certification } from '../../domain/certification-view.js';
import type { CertificationService } from '../../services/certification-service.js';
import { idParam, parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';

/** Darker green the higher the verified level; white text stays readable on each (contrast ≥ 3:1 at badge size). */
const LEVEL_GREENS: Record<string, string> = { L1: '#6a9a1f', L2: '#4c8c2b', L3: '#2f7d32', L4: '#1b5e20' };
const GREY = '#8c8c8c';
const AMBER = '#b7791f';
const RED = '#c0392b';

export function badgeColour(c: Pick<Certification, 'level' | 'status' | 'verified'>): string {
  if (c.status === 'revoked') return RED;
  if (c.status === 'expired' || c.status === 'superseded') return AMBER;
  if (!c.verified || c.level === 'L0') return GREY;
  return LEVEL_GREENS[c.level] ?? GREY;
}

export function badgeText(c: Pick<Certification, 'level' | 'status' | 'verified'>): string {
  if (c.status === 'active' && (!c.verified || c.level === 'L0')) return `${c.level} declared`;
  return `${c.level} ${c.status}`;
}

const xml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** Verdana 11px advance widths, roughly: narrow letters, wide letters, the rest. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[il.:|' ]/.test(ch) ? 3.5 : /[mwMW]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.6;
  return Math.ceil(width);
}

/** A flat shields-style badge: grey "chipreg" label, coloured "L3 active" message. */
export function badgeSvg(label: string, message: string, colour: string): string {
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const total = lw + mw;
  const title = `${label}: ${message}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${xml(title)}">
<title>${xml(title)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${colour}"/><rect width="${total}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${xml(label)}</text><text x="${lw / 2}" y="14">${xml(label)}</text>
<text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${xml(message)}</text><text x="${lw + mw / 2}" y="14">${xml(message)}</text>
</g>
</svg>
`;
}

/** `GET /v1/certifications/{id}/badge.svg`: embeddable in READMEs, cached five minutes (status can change: revocation, expiry). */
export function badgeRouter(certifications: CertificationService): Router {
  const r = Router();
  r.get('/v1/certifications/:id/badge.svg', (req, res) => {
    parseQuery(req.query, queries.none);
    const c = certifications.get(idParam(req));
    res
      .type('image/svg+xml')
      .set('Cache-Control', 'public, max-age=300')
      // Badges are made to be embedded by other sites (READMEs, vendor pages): helmet's same-origin default would block them.
      .set('Cross-Origin-Resource-Policy', 'cross-origin')
      .send(badgeSvg('chipreg', badgeText(c), badgeColour(c)));
  });
  return r;
}
