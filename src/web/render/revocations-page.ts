import type { Certification } from '../../domain/certification-view.js';
import { html, type SafeHtml } from '../html.js';
import { nameIn } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { day, levelBadge } from './level-badge.js';
import { pairHref } from './pair-page.js';

/** The public revocation list as a page (its JSON twin is /v1/revocations). */
export function revocationsPage(ctx: PageContext, revoked: Certification[]): { title: string; body: SafeHtml } {
  const { t, lang, names } = ctx;
  const items = [...revoked].sort((a, b) => (b.revocation?.at ?? '').localeCompare(a.revocation?.at ?? ''));
  return {
    title: t('revocationsTitle'),
    body: html`<h1>${t('revocationsTitle')}</h1>
      <p class="intro">${t('revocationsIntro')}</p>
      ${
        items.length === 0
          ? html`<p class="empty-note">${t('noRevocations')}</p>`
          : html`<table class="certs cards" id="revocations">
              <thead>
                <tr>
                  <th scope="col">${t('certification')}</th>
                  <th scope="col">${t('model')} × ${t('chip')}</th>
                  <th scope="col">${t('levelShort')}</th>
                  <th scope="col">${t('revokedAt')}</th>
                  <th scope="col">${t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (c) =>
                    html`<tr data-certification="${c.id}">
                      <th scope="row" data-label="${t('certification')}">
                        <a href="/certifications/${encodeURIComponent(c.id)}"><code>${c.id}</code></a>
                      </th>
                      <td data-label="${t('model')} × ${t('chip')}">
                        <a href="${pairHref(c.model, c.chip)}"
                          >${nameIn(lang, names.model(c.model))} × ${nameIn(lang, names.chip(c.chip))}</a
                        >
                      </td>
                      <td data-label="${t('levelShort')}">${levelBadge(ctx, c.level)}</td>
                      <td data-label="${t('revokedAt')}" class="nowrap">${day(c.revocation?.at)}</td>
                      <td data-label="${t('reason')}">${c.revocation?.reason ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <p><a href="/v1/revocations">JSON</a></p>`,
  };
}
