import type { Chip, Model, Vendor } from '../../domain/catalog-types.js';
import type { Certification } from '../../domain/certification-view.js';
import { href, html, isWebUrl, type SafeHtml } from '../html.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { levelBadge } from './level-badge.js';
import { bestPerPartner } from './model-page.js';

/** A vendor: its chips (each with its best claim), the models it publishes, and where its results are. */
export function vendorPage(
  ctx: PageContext,
  vendor: Vendor,
  chips: Chip[],
  models: Model[],
  certifications: Certification[],
): { title: string; body: SafeHtml } {
  const { t, lang } = ctx;
  const best = new Map(bestPerPartner(certifications, (c) => c.chip).map((b) => [b.id, b] as const));
  return {
    title: nameIn(lang, vendor),
    body: html`<p class="crumbs"><a href="/">${t('nav.matrix')}</a> › ${t('vendor')}</p>
      <h1 id="vendor-name">
        ${nameIn(lang, vendor)}${otherName(lang, vendor) ? html` <small>${otherName(lang, vendor)}</small>` : ''}
      </h1>
      <dl class="facts-grid">
        <dt>${t('roles')}</dt>
        <dd>${vendor.roles.join(', ') || '—'}</dd>
        <dt>${t('website')}</dt>
        <dd>
          ${isWebUrl(vendor.website) ? html`<a href="${vendor.website}" rel="noopener noreferrer">${vendor.website}</a>` : '—'}
        </dd>
        <dt>${t('headquarters')}</dt>
        <dd>${vendor.headquarters ?? '—'}</dd>
        <dt>${t('pciIds')}</dt>
        <dd>
          ${vendor.pciVendorIds?.length ? vendor.pciVendorIds.map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`) : '—'}
        </dd>
      </dl>
      ${
        chips.length > 0 &&
        html`<h2>${t('vendorChips')}</h2>
          <table class="certs cards" id="vendor-chips">
            <thead>
              <tr>
                <th scope="col">${t('chip')}</th>
                <th scope="col">${t('deviceClass')}</th>
                <th scope="col">${t('memory')}</th>
                <th scope="col">${t('bestLevel')}</th>
                <th scope="col">${t('count')}</th>
              </tr>
            </thead>
            <tbody>
              ${chips.map((chip) => {
                const b = best.get(chip.id);
                return html`<tr data-chip="${chip.id}">
                  <th scope="row" data-label="${t('chip')}">
                    <a href="/chips/${encodeURIComponent(chip.id)}">${nameIn(lang, chip)}</a>
                  </th>
                  <td data-label="${t('deviceClass')}">${labelOf(t, 'class', chip.deviceClass ?? 'none')}</td>
                  <td data-label="${t('memory')}">${chip.memoryGiB ? `${chip.memoryGiB} GiB` : '—'}</td>
                  <td data-label="${t('bestLevel')}">${b ? levelBadge(ctx, b.best.level) : '—'}</td>
                  <td data-label="${t('count')}" class="num">${b?.count ?? 0}</td>
                </tr>`;
              })}
            </tbody>
          </table>`
      }
      ${
        models.length > 0 &&
        html`<h2>${t('vendorModels')}</h2>
          <ul class="inline-list" id="vendor-models">
            ${models.map((m) => html`<li><a href="/models/${encodeURIComponent(m.id)}">${nameIn(lang, m)}</a></li>`)}
          </ul>`
      }
      <p>
        <a href="${href('/results', { vendor: vendor.id, status: 'all' })}">${t('certificationsByVendor')}</a> ·
        <a href="/v1/vendors/${encodeURIComponent(vendor.id)}">JSON</a>
      </p>`,
  };
}
