import type { Chip, Model } from '../../domain/catalog-types.js';
import type { Certification } from '../../domain/certification-view.js';
import { levelRank } from '../../domain/vocabulary.js';
import { html, isWebUrl, type SafeHtml } from '../html.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { levelBadge } from './level-badge.js';
import { pairHref } from './pair-page.js';

/** The best active claim per pair partner (chip on a model page, model on a chip page), with its precisions. */
export function bestPerPartner(
  certifications: Certification[],
  partner: (c: Certification) => string,
): Array<{ id: string; best: Certification; precisions: string[]; count: number }> {
  const out = new Map<string, { id: string; best: Certification; precisions: Set<string>; count: number }>();
  for (const c of certifications) {
    if (c.status !== 'active') continue;
    const id = partner(c);
    const entry = out.get(id);
    const precisions = c.precision ? [c.precision] : c.precisions;
    if (!entry) out.set(id, { id, best: c, precisions: new Set(precisions), count: 1 });
    else {
      entry.count++;
      for (const p of precisions) entry.precisions.add(p);
      if (levelRank(c.level) > levelRank(entry.best.level)) entry.best = c;
    }
  }
  return [...out.values()]
    .map((e) => ({ ...e, precisions: [...e.precisions].sort() }))
    .sort((a, b) => levelRank(b.best.level) - levelRank(a.best.level) || a.id.localeCompare(b.id));
}

function sourcesList(urls: Array<{ url: string; note?: string }>): SafeHtml {
  return html`<ul class="plain-list sources">
    ${urls.map(
      (s) =>
        html`<li>
          ${isWebUrl(s.url) ? html`<a href="${s.url}" rel="noopener noreferrer">${s.url}</a>` : s.url}
          ${s.note ? html`<span class="muted">${s.note}</span>` : ''}
        </li>`,
    )}
  </ul>`;
}

/** A model: its facts and every chip with a claim for it, each linked to the model × chip answer. */
export function modelPage(
  ctx: PageContext,
  model: Model,
  certifications: Certification[],
  chipOf: (id: string) => Chip | { id: string; nameEn: string; nameZh?: string | null; vendor?: string },
): { title: string; body: SafeHtml } {
  const { t, lang, names } = ctx;
  const chips = bestPerPartner(certifications, (c) => c.chip);
  const publisher = names.vendor(model.publisher);
  return {
    title: nameIn(lang, model),
    body: html`<p class="crumbs"><a href="/">${t('nav.matrix')}</a> › ${t('model')}</p>
      <h1 id="model-name">
        ${nameIn(lang, model)}${otherName(lang, model) ? html` <small>${otherName(lang, model)}</small>` : ''}
      </h1>
      <dl class="facts-grid">
        <dt>${t('family')}</dt>
        <dd><a href="/?family=${encodeURIComponent(model.family)}">${model.family}</a></dd>
        <dt>${t('publisher')}</dt>
        <dd><a href="/vendors/${encodeURIComponent(model.publisher)}">${nameIn(lang, publisher)}</a></dd>
        <dt>${t('parameters')}</dt>
        <dd>${model.parametersB ? `${model.parametersB}B` : '—'}</dd>
        <dt>${t('modality')}</dt>
        <dd>${model.modality}</dd>
        <dt>${t('license')}</dt>
        <dd>${model.license ?? '—'}</dd>
        <dt>${t('repository')}</dt>
        <dd>
          ${model.repository ? html`<a href="https://huggingface.co/${model.repository}" rel="noopener noreferrer">${model.repository}</a>` : '—'}
        </dd>
        <dt>${t('aliases')}</dt>
        <dd>${model.aliases.length ? model.aliases.join(' · ') : '—'}</dd>
      </dl>
      <h2>${t('chipsForModel')}</h2>
      ${
        chips.length === 0
          ? html`<p class="empty-note">${t('noChipClaims')}</p>`
          : html`<table class="certs cards" id="model-chips">
              <thead>
                <tr>
                  <th scope="col">${t('chip')}</th>
                  <th scope="col">${t('vendor')}</th>
                  <th scope="col">${t('bestLevel')}</th>
                  <th scope="col">${t('precisions')}</th>
                  <th scope="col">${t('count')}</th>
                </tr>
              </thead>
              <tbody>
                ${chips.map((row) => {
                  const chip = chipOf(row.id);
                  const target = pairHref(model.id, row.id);
                  return html`<tr data-chip="${row.id}">
                    <th scope="row" data-label="${t('chip')}"><a href="${target}">${nameIn(lang, chip)}</a></th>
                    <td data-label="${t('vendor')}">
                      ${'vendor' in chip && chip.vendor ? html`<a href="/vendors/${encodeURIComponent(chip.vendor)}">${nameIn(lang, names.vendor(chip.vendor))}</a>` : '—'}
                    </td>
                    <td data-label="${t('bestLevel')}">
                      ${levelBadge(ctx, row.best.level, { href: target })} ${labelOf(t, 'level', row.best.level)}
                    </td>
                    <td data-label="${t('precisions')}">${row.precisions.join(', ') || '—'}</td>
                    <td data-label="${t('count')}" class="num">${row.count}</td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
      ${
        model.sources.length > 0 &&
        html`<h2>${t('sources')}</h2>
          ${sourcesList(model.sources)}`
      }
      <p><a href="/v1/models/${encodeURIComponent(model.id)}">JSON</a></p>`,
  };
}
