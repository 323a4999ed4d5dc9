import type { Certification } from '../../domain/certification-view.js';
import { html, type SafeHtml } from '../html.js';
import { nameIn } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { certificationTable } from './certification-table.js';

/** Every certification of one model × chip pair: what a matrix cell with several certifications links to. */
export function pairPage(
  ctx: PageContext,
  pair: { model: string; chip: string },
  items: Certification[],
): { title: string; body: SafeHtml } {
  const { t, lang, names } = ctx;
  const title = t('pairTitle', {
    model: nameIn(lang, names.model(pair.model)),
    chip: nameIn(lang, names.chip(pair.chip)),
  });
  return {
    title,
    body: html`<p class="crumbs">
        <a href="/">${t('nav.matrix')}</a> ›
        <a href="/chips/${encodeURIComponent(pair.chip)}">${nameIn(lang, names.chip(pair.chip))}</a>
      </p>
      <h1>${title}</h1>
      ${certificationTable(ctx, items, 'model')}`,
  };
}
