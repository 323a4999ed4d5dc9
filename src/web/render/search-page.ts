import type { CatalogService } from '../../services/catalog-service.js';
import { html, type SafeHtml } from '../html.js';
import { pairHref } from './pair-page.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';

type Hit = ReturnType<CatalogService['search']>[number];
export type SearchHit = Hit & {
  target: string | null;
  chips: Array<{ id: string; nameEn: string; nameZh?: string | null }>;
};

const KINDS = ['chip', 'model', 'vendor', 'system'] as const;

/** Where a hit leads: chips, models and vendors to their pages, systems to their chip; vendors also list their chips. */
export function toSearchHit(catalog: CatalogService, hit: Hit): SearchHit {
  if (hit.kind === 'chip') return { ...hit, target: `/chips/${encodeURIComponent(hit.id)}`, chips: [] };
  if (hit.kind === 'model') return { ...hit, target: `/models/${encodeURIComponent(hit.id)}`, chips: [] };
  if (hit.kind === 'system') {
    const system = catalog.findSystem(hit.id);
    return { ...hit, target: system ? `/chips/${encodeURIComponent(system.chip)}` : null, chips: [] };
  }
  return {
    ...hit,
    target: `/vendors/${encodeURIComponent(hit.id)}`,
    chips: catalog.listChips({ vendor: hit.id }, { limit: 100 }).items,
  };
}

/** A search naming both a model and a chip ("glm-4-9b 910B") is asking for their answer page: offered first. */
function answers(ctx: PageContext, hits: SearchHit[]): SafeHtml {
  const { t, lang } = ctx;
  const models = hits.filter((h) => h.kind === 'model').slice(0, 3);
  const chips = hits.filter((h) => h.kind === 'chip').slice(0, 3);
  if (models.length === 0 || chips.length === 0) return html``;
  return html`<section class="search-group" id="search-answers">
    <h2>${t('viewAnswer')}</h2>
    <ul class="hits">
      ${models.flatMap((m) =>
        chips.map(
          (c) =>
            html`<li class="hit answer-hit">
              <a href="${pairHref(m.id, c.id)}">${t('pairTitle', { model: nameIn(lang, m), chip: nameIn(lang, c) })}</a>
            </li>`,
        ),
      )}
    </ul>
  </section>`;
}

export function searchPage(
  ctx: PageContext,
  text: string | undefined,
  hits: SearchHit[],
): { title: string; body: SafeHtml; searchText?: string } {
  const { t, lang } = ctx;
  const groups = KINDS.map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) })).filter(
    (g) => g.hits.length > 0,
  );
  return {
    title: text ? `${t('search')}: ${text}` : t('searchTitle'),
    searchText: text,
    body: html`<h1>${t('searchTitle')}</h1>
      <form class="filters" method="get" action="/search" role="search">
        <label
          >${t('search')}<input
            type="search"
            name="q"
            id="search-q"
            value="${text ?? ''}"
            maxlength="200"
            placeholder="${t('searchPlaceholder')}"
        /></label>
        <button type="submit">${t('search')}</button>
      </form>
      ${
        !text
          ? html`<p class="intro">${t('searchHelp')}</p>`
          : hits.length === 0
            ? html`<p class="empty-note">${t('noResults', { q: text })}</p>`
            : html` <p class="summary" id="search-summary">${t('searchResults', { n: hits.length, q: text })}</p>
                ${answers(ctx, hits)}
                ${groups.map(
                  (g) =>
                    html`<section class="search-group" data-kind="${g.kind}">
                      <h2>${labelOf(t, 'kind', g.kind)}</h2>
                      <ul class="hits">
                        ${g.hits.map(
                          (h) =>
                            html`<li class="hit" data-id="${h.id}">
                              ${h.target ? html`<a href="${h.target}">${nameIn(lang, h)}</a>` : nameIn(lang, h)}
                              ${otherName(lang, h) ? html`<span class="muted">${otherName(lang, h)}</span>` : ''}
                              <code>${h.id}</code>
                              ${h.matched && h.matched !== nameIn(lang, h) && html`<span class="muted">${t('matchedBy', { text: h.matched })}</span>`}
                              ${
                                h.chips.length > 0 &&
                                html`<ul class="vendor-chips">
                                  ${h.chips.map((c) => html`<li><a href="/chips/${encodeURIComponent(c.id)}">${nameIn(lang, c)}</a></li>`)}
                                </ul>`
                              }
                            </li>`,
                        )}
                      </ul>
                    </section>`,
                )}`
      }`,
  };
}
