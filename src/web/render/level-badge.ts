import type { Certification } from '../../domain/certification-view.js';
import type { Level } from '../../domain/vocabulary.js';
import { html, type SafeHtml } from '../html.js';
import { labelOf } from '../i18n.js';
import type { PageContext } from '../page-context.js';

/** A level badge: green shades for L1–L4, a dashed grey "declared, unverified" look for L0; a link when `href` is given. */
export function levelBadge(
  ctx: PageContext,
  level: Level,
  options: { href?: string; title?: string; large?: boolean } = {},
): SafeHtml {
  const classes = `lvl lvl-${level.toLowerCase()}${options.large ? ' lvl-large' : ''}`;
  const title =
    options.title ??
    `${level} ${labelOf(ctx.t, 'level', level)}${level === 'L0' ? ` (${ctx.t('declaredUnverified')})` : ''}`;
  return options.href
    ? html`<a class="${classes}" href="${options.href}" title="${title}">${level}</a>`
    : html`<span class="${classes}" title="${title}">${level}</span>`;
}

/** The level with its name: "L3 Performance", "L0 Declared". */
export function levelWithName(ctx: PageContext, level: Level, large = false): SafeHtml {
  return html`<span class="lvl-named"
    >${levelBadge(ctx, level, { large })} <span>${labelOf(ctx.t, 'level', level)}</span></span
  >`;
}

export function statusPill(ctx: PageContext, status: Certification['status']): SafeHtml {
  return html`<span class="status status-${status}">${labelOf(ctx.t, 'status', status)}</span>`;
}

/** "2026-03-01" from an ISO timestamp. */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');
