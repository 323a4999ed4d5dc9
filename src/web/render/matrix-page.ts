import { DEVICE_CLASSES, PRECISIONS } from '../../domain/vocabulary.js';
import { LEVELS } from '../../domain/vocabulary.js';
import { href, html, type SafeHtml } from '../html.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { MatrixBlock, MatrixFilters, MatrixView } from '../matrix-view.js';
import type { PageContext } from '../page-context.js';
import { levelBadge } from './level-badge.js';
import { pairHref } from './pair-page.js';

/** Column headers stay short: the descriptive part of a name in brackets is left to the tooltip. */
export const columnName = (name: string): string => name.replace(/\s*[(（][^)）]*[)）]\s*$/, '') || name;

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${selected === value ? html` selected` : ''}>${label}</option>`;
}

/** The filter form: a plain GET form, so it works without JavaScript (app.js only submits on change). */
function filterForm(ctx: PageContext, view: MatrixView, filters: MatrixFilters): SafeHtml {
  const { t } = ctx;
  return html`<form class="filters" method="get" action="/" data-autosubmit>
    <label
      >${t('deviceClass')}<select name="deviceClass" id="filter-deviceClass">
        ${option('', t('any'), filters.deviceClass ?? '')}${DEVICE_CLASSES.map((c) => option(c, labelOf(t, 'class', c), filters.deviceClass))}
      </select></label
    >
    <label
      >${t('modelFamily')}<select name="family" id="filter-family">
        ${option('', t('any'), filters.family ?? '')}${view.families.map((f) => option(f, f, filters.family))}
      </select></label
    >
    <label
      >${t('minLevel')}<select name="minLevel" id="filter-minLevel">
        ${option('', t('any'), filters.minLevel ?? '')}${LEVELS.map((l) => option(l, `${l} ${labelOf(t, 'level', l)}`, filters.minLevel))}
      </select></label
    >
    <label
      >${t('precision')}<select name="precision" id="filter-precision">
        ${option('', t('any'), filters.precision ?? '')}${PRECISIONS.map((p) => option(p, p, filters.precision))}
      </select></label
    >
    <button type="submit">${t('apply')}</button>
    <a class="reset" href="/">${t('reset')}</a>
  </form>`;
}

function legend(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  return html`<ul class="legend" aria-label="${t('legend')}">
    ${LEVELS.map((l) => html`<li>${levelBadge(ctx, l)} ${l === 'L0' ? html`<em class="unverified">${t('legendL0')}</em>` : labelOf(t, 'level', l)}</li>`)}
  </ul>`;
}

const publishersText = (ctx: PageContext, block: MatrixBlock): string =>
  block.publishers.map((p) => (p ? nameIn(ctx.lang, ctx.names.vendor(p)) : ctx.t('unknown'))).join(', ');

function matrixTable(
  ctx: PageContext,
  view: MatrixView,
  block: MatrixBlock,
  n: number,
  filters: MatrixFilters,
): SafeHtml {
  const { t, lang } = ctx;
  const columns = block.models.length + 1;
  const title = t('matrixBlockTitle', { publishers: publishersText(ctx, block) });
  return html`<section class="matrix-block" id="matrix-block-${n}" aria-labelledby="matrix-block-${n}-title">
    <h2 id="matrix-block-${n}-title">${title}</h2>
    <div class="matrix-wrap">
      <table class="matrix">
        <caption class="visually-hidden">
          ${t('nav.matrix')}: ${title}
        </caption>
        <thead>
          <tr>
            <th class="corner" scope="col"><span>${t('chip')} \\ ${t('model')}</span></th>
            ${block.models.map(
              (m) =>
                html`<th
                  class="model-head"
                  scope="col"
                  data-model="${m.id}"
                  title="${nameIn(lang, m)}${m.parametersB ? ` · ${m.parametersB}B` : ''}"
                >
                  <a href="${href('/', { family: m.family })}" title="${t('filterFamily', { family: m.family })}"
                    ><span>${columnName(nameIn(lang, m))}</span></a
                  >
                </th>`,
            )}
          </tr>
        </thead>
        ${block.groups.map(
          (group) =>
            html`<tbody class="class-group" data-device-class="${group.deviceClass ?? 'none'}">
              <tr class="class-row">
                <th scope="colgroup" colspan="${columns}">
                  <span class="sticky-label">${labelOf(t, 'class', group.deviceClass ?? 'none')}</span>
                </th>
              </tr>
              ${group.vendors.map(
                (v) =>
                  html`<tr class="vendor-row">
                      <th scope="colgroup" colspan="${columns}">
                        <span class="sticky-label">${nameIn(lang, v.vendor)}</span>
                      </th>
                    </tr>
                    ${v.chips.map(
                      (chip) =>
                        html`<tr class="chip-row" data-chip="${chip.id}">
                          <th scope="row" class="chip-head">
                            <a href="/chips/${encodeURIComponent(chip.id)}">${nameIn(lang, chip)}</a
                            >${otherName(lang, chip) ? html`<small>${otherName(lang, chip)}</small>` : ''}
                          </th>
                          ${block.models.map((m) => {
                            const cell = view.cell(m.id, chip.id);
                            if (!cell) return html`<td class="cell empty"></td>`;
                            const target = pairHref(m.id, chip.id, { precision: filters.precision });
                            const title =
                              t('cellTitle', {
                                model: nameIn(lang, m),
                                chip: nameIn(lang, chip),
                                level: `${cell.level} ${labelOf(t, 'level', cell.level)}${cell.verified ? '' : ` (${t('declaredUnverified')})`}`,
                              }) +
                              (cell.certifications.length > 1
                                ? ` · ${t('certificationsCount', { n: cell.certifications.length })}`
                                : '');
                            return html`<td class="cell" data-model="${m.id}">
                              ${levelBadge(ctx, cell.level, { href: target, title })}<span
                                class="cell-model"
                                aria-hidden="true"
                                >${columnName(nameIn(lang, m))}</span
                              >
                            </td>`;
                          })}
                        </tr>`,
                    )}`,
              )}
            </tbody>`,
        )}
      </table>
    </div>
  </section>`;
}

/** The matrix as tables of model columns by publisher, with a contents line when there are several. */
function matrixTables(ctx: PageContext, view: MatrixView, filters: MatrixFilters): SafeHtml {
  const { t } = ctx;
  return html`<div id="matrix" class="matrix-blocks">
    ${
      view.blocks.length > 1 &&
      html`<nav class="matrix-contents" aria-label="${t('matrixSections')}">
        <ul class="inline-list">
          ${view.blocks.map(
            (block, i) =>
              html`<li>
                <a href="#matrix-block-${i + 1}">${publishersText(ctx, block)}</a>
                <span class="muted">${t('modelsCount', { n: block.models.length })}</span>
              </li>`,
          )}
        </ul>
      </nav>`
    }
    ${view.blocks.map((block, i) => matrixTable(ctx, view, block, i + 1, filters))}
  </div>`;
}

/** "Can I run M on C?" in one step from the home page: two choices and a button lead to the answer page. */
function quickAnswer(ctx: PageContext, choices: QuickChoices): SafeHtml {
  const { t, lang } = ctx;
  return html`<form class="filters quick" method="get" action="/answer" id="quick-answer" aria-labelledby="quick-title">
    <h2 id="quick-title">${t('quickTitle')}</h2>
    <label
      >${t('model')}<select name="model" id="quick-model" required>
        <option value="">—</option>
        ${choices.models.map((m) => html`<option value="${m.id}">${nameIn(lang, m)}</option>`)}
      </select></label
    >
    <label
      >${t('chip')}<select name="chip" id="quick-chip" required>
        <option value="">—</option>
        ${choices.chips.map((c) => html`<option value="${c.id}">${nameIn(lang, c)}</option>`)}
      </select></label
    >
    <label
      >${t('precision')}<select name="precision" id="quick-precision">
        ${option('', t('any'), '')}${PRECISIONS.map((p) => option(p, p, undefined))}
      </select></label
    >
    <button type="submit">${t('quickButton')}</button>
    <p class="muted small">${t('quickHelp')}</p>
  </form>`;
}

/** Catalog chips without any claim under the filters: counted, and listed collapsed so each stays one click away. */
function unclaimedChips(ctx: PageContext, view: MatrixView): SafeHtml {
  const { t, lang } = ctx;
  if (view.unclaimed.length === 0) return html``;
  return html`<details class="unclaimed" id="unclaimed-chips">
    <summary>${t('unclaimedSummary', { n: view.unclaimed.length })}</summary>
    <p class="muted">${t('unclaimedHelp')}</p>
    <ul class="inline-list">
      ${view.unclaimed.map(
        (c) =>
          html`<li data-chip="${c.id}">
            <a href="/chips/${encodeURIComponent(c.id)}">${nameIn(lang, c)}</a>
            <span class="muted">${nameIn(lang, ctx.names.vendor(c.vendor))}</span>
          </li>`,
      )}
    </ul>
  </details>`;
}

export interface QuickChoices {
  models: Array<{ id: string; nameEn: string; nameZh?: string | null }>;
  chips: Array<{ id: string; nameEn: string; nameZh?: string | null }>;
}

export function matrixPage(
  ctx: PageContext,
  view: MatrixView,
  filters: MatrixFilters,
  choices: QuickChoices,
): { title: string; body: SafeHtml } {
  const { t } = ctx;
  return {
    title: t('nav.matrix'),
    body: html`<h1>${t('nav.matrix')}</h1>
      <p class="intro">${t('matrixIntro')}</p>
      ${quickAnswer(ctx, choices)} ${filterForm(ctx, view, filters)} ${legend(ctx)}
      <p class="summary" id="matrix-summary">
        ${t('matrixSummaryAll', {
          chips: view.chipCount,
          models: view.models.length,
          cells: view.cells,
          unclaimed: view.unclaimed.length,
        })}
      </p>
      ${unclaimedChips(ctx, view)}
      ${view.cells === 0 ? html`<p class="empty-note">${t('matrixEmpty')}</p>` : matrixTables(ctx, view, filters)}`,
  };
}
