import { type Certification } from '../../domain/certification-view.js';
import { levelRank } from '../../domain/vocabulary.js';
import { html, type SafeHtml } from '../html.js';
import { labelOf, nameIn } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { day, levelBadge, statusPill } from './level-badge.js';
import { CERTIFICATION_STATUSES } from '../../domain/vocabulary.js';
import { pairHref } from './pair-page.js';

/** Active first, then the highest level, then the newest. */
export function sortCertifications(items: Certification[]): Certification[] {
  return [...items].sort(
    (a, b) =>
      CERTIFICATION_STATUSES.indexOf(a.status) - CERTIFICATION_STATUSES.indexOf(b.status) ||
      levelRank(b.level) - levelRank(a.level) ||
      b.issuedAt.localeCompare(a.issuedAt) ||
      a.id.localeCompare(b.id),
  );
}

export const stackText = (c: Certification): string => c.stack.map((s) => `${s.name} ${s.version}`).join(', ');
export const precisionText = (c: Certification): string => c.precision ?? c.precisions.join(', ');

/** A table of certifications; `other` says which side of the pair to name (the page already names the other). */
export function certificationTable(
  ctx: PageContext,
  items: Certification[],
  other: 'model' | 'chip' | 'both',
): SafeHtml {
  const { t, lang, names } = ctx;
  if (items.length === 0) return html`<p class="empty-note">${t('noCertifications')}</p>`;
  return html`<div class="table-scroll">
    <table class="certs">
      <thead>
        <tr>
          <th scope="col">${t('levelShort')}</th>
          ${other !== 'chip' && html`<th scope="col">${t('model')}</th>`}${other !== 'model' && html`<th scope="col">${t('chip')}</th>`}
          <th scope="col">${t('precision')}</th>
          <th scope="col">${t('deployment')}</th>
          <th scope="col">${t('stack')}</th>
          <th scope="col">${t('status')}</th>
          <th scope="col">${t('validUntil')}</th>
          <th scope="col">${t('certification')}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map((c) => {
          const link = `/certifications/${encodeURIComponent(c.id)}`;
          return html`<tr class="${c.status === 'active' ? '' : 'inactive'}">
            <td data-label="${t('levelShort')}">${levelBadge(ctx, c.level, { href: link })}</td>
            ${other !== 'chip' && html`<td data-label="${t('model')}"><a href="${pairHref(c.model, c.chip)}">${nameIn(lang, names.model(c.model))}</a></td>`}
            ${other !== 'model' && html`<td data-label="${t('chip')}"><a href="/chips/${encodeURIComponent(c.chip)}">${nameIn(lang, names.chip(c.chip))}</a></td>`}
            <td data-label="${t('precision')}">${precisionText(c) || '—'}</td>
            <td data-label="${t('deployment')}">${c.form ? labelOf(t, 'form', c.form) : '—'}</td>
            <td data-label="${t('stack')}" class="stack-cell">${stackText(c) || '—'}</td>
            <td data-label="${t('status')}">${statusPill(ctx, c.status)}</td>
            <td data-label="${t('validUntil')}" class="nowrap">${c.validUntil ? day(c.validUntil) : '—'}</td>
            <td data-label="${t('certification')}">
              <a href="${link}"><code>${c.id}</code></a>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
