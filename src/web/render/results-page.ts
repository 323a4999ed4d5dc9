import { LEVELS, PRECISIONS } from '../../domain/vocabulary.js';
import { figure } from '../figures.js';
import { href, html, type SafeHtml } from '../html.js';
import { labelOf, nameIn, type LabelKey } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { RESULT_SORTS, type ResultFilters, type ResultsView } from '../results-view.js';
import { precisionText, stackText } from './certification-table.js';
import { day, levelBadge } from './level-badge.js';
import { columnName } from './matrix-page.js';
import { pairHref } from './pair-page.js';

export interface Choice {
  id: string;
  nameEn: string;
  nameZh?: string | null;
}

const SCENARIOS = ['server', 'offline', 'interactive', 'single-stream', 'chat-server'] as const;

function select(
  ctx: PageContext,
  name: string,
  label: string,
  selected: string | undefined,
  options: Array<{ value: string; label: string }>,
  anyLabel = ctx.t('any'),
): SafeHtml {
  return html`<label
    >${label}<select name="${name}" id="results-${name}">
      <option value="">${anyLabel}</option>
      ${options.map((o) => html`<option value="${o.value}" ${selected === o.value ? html` selected` : ''}>${o.label}</option>`)}
    </select></label
  >`;
}

/** The filter state as query parameters: the page's own URL, and its CSV twin's with format=csv. */
export function resultsParams(filters: ResultFilters): Record<string, string | number | undefined> {
  return {
    model: filters.model,
    chip: filters.chip,
    vendor: filters.vendor,
    precision: filters.precision,
    scenario: filters.scenario,
    devices: filters.devices,
    minLevel: filters.minLevel,
    status: filters.status === 'all' ? 'all' : undefined,
    sort: filters.sort && filters.sort !== 'level' ? filters.sort : undefined,
  };
}

export function resultsPage(
  ctx: PageContext,
  view: ResultsView,
  filters: ResultFilters,
  choices: { models: Choice[]; chips: Choice[]; vendors: Choice[] },
): { title: string; body: SafeHtml } {
  const { t, lang, names } = ctx;
  const named = (list: Choice[]) => list.map((c) => ({ value: c.id, label: nameIn(lang, c) }));
  const params = resultsParams(filters);
  const sortLink = (sort: string, label: string) =>
    filters.sort === sort || (!filters.sort && sort === 'level')
      ? html`<span aria-current="true">${label} ↓</span>`
      : html`<a href="${href('/results', { ...params, sort: sort === 'level' ? undefined : sort })}">${label}</a>`;
  const ms = (n: number | undefined) => (n === undefined ? '—' : t('ms', { n: figure(n) }));
  return {
    title: t('resultsTitle'),
    body: html`<h1>${t('resultsTitle')}</h1>
      <p class="intro">${t('resultsIntro')}</p>
      <form class="filters" method="get" action="/results" data-autosubmit id="results-filters">
        ${select(ctx, 'model', t('model'), filters.model, named(choices.models))}
        ${select(ctx, 'chip', t('chip'), filters.chip, named(choices.chips))}
        ${select(ctx, 'vendor', t('vendor'), filters.vendor, named(choices.vendors))}
        ${select(
          ctx,
          'precision',
          t('precision'),
          filters.precision,
          PRECISIONS.map((p) => ({ value: p, label: p })),
        )}
        ${select(
          ctx,
          'scenario',
          t('scenario'),
          filters.scenario,
          SCENARIOS.map((s) => ({ value: s, label: labelOf(t, 'scenario', s) })),
        )}
        <label
          >${t('devices')}<input
            type="number"
            name="devices"
            id="results-devices"
            min="1"
            max="100000"
            value="${filters.devices ?? ''}"
        /></label>
        ${select(
          ctx,
          'minLevel',
          t('minLevel'),
          filters.minLevel,
          LEVELS.map((l) => ({ value: l, label: `${l} ${labelOf(t, 'level', l)}` })),
        )}
        ${select(ctx, 'status', t('includeInactive'), filters.status === 'all' ? 'all' : undefined, [{ value: 'all', label: t('statusFilter.all') }], t('statusFilter.active'))}
        ${select(
          ctx,
          'sort',
          t('sortBy'),
          filters.sort,
          RESULT_SORTS.filter((s) => s !== 'level').map((s) => ({ value: s, label: t(`sort.${s}` as LabelKey) })),
          t('sort.level'),
        )}
        <button type="submit">${t('apply')}</button>
        <a class="reset" href="/results">${t('reset')}</a>
      </form>
      <p class="summary" id="results-summary">
        ${t('resultsCount', { n: view.total })}${view.total > view.shown.length ? ` · ${t('resultsCut', { shown: view.shown.length, n: view.total })}` : ''}
        · <a href="${href('/results', { ...params, format: 'csv' })}" id="results-csv">${t('downloadCsv')}</a>
      </p>
      ${
        view.total === 0
          ? html`<p class="empty-note">${t('noCertifications')}</p>`
          : html`<div class="wide-table">
              <table class="certs cards results" id="results">
                <thead>
                  <tr>
                    <th scope="col">${sortLink('model', t('model'))}</th>
                    <th scope="col">${sortLink('chip', t('chip'))}</th>
                    <th scope="col">${sortLink('vendor', t('vendor'))}</th>
                    <th scope="col">${t('precision')}</th>
                    <th scope="col">${t('scenario')}</th>
                    <th scope="col">${sortLink('devices', t('devices'))}</th>
                    <th scope="col">${sortLink('level', t('levelShort'))}</th>
                    <th scope="col">${sortLink('tps', t('outputTps'))}</th>
                    <th scope="col">${sortLink('tpsDevice', t('outputTpsDevice'))}</th>
                    <th scope="col">${sortLink('ttft', t('ttftP99'))}</th>
                    <th scope="col">${sortLink('tpot', t('tpotP99'))}</th>
                    <th scope="col">${t('stack')}</th>
                    <th scope="col">${t('submitter')}</th>
                    <th scope="col">${sortLink('date', t('date'))}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.shown.map(({ certification: c, figures: f, submitter }) => {
                    const certLink = `/certifications/${encodeURIComponent(c.id)}`;
                    return html`<tr data-certification="${c.id}" class="${c.status === 'active' ? '' : 'inactive'}">
                      <th scope="row" data-label="${t('model')}">
                        <a
                          href="${pairHref(c.model, c.chip, { precision: c.precision })}"
                          title="${nameIn(lang, names.model(c.model))}"
                          >${columnName(nameIn(lang, names.model(c.model)))}</a
                        >
                      </th>
                      <td data-label="${t('chip')}">
                        <a href="/chips/${encodeURIComponent(c.chip)}">${nameIn(lang, names.chip(c.chip))}</a>
                      </td>
                      <td data-label="${t('vendor')}">${nameIn(lang, names.vendor(c.vendor))}</td>
                      <td data-label="${t('precision')}">${precisionText(c) || '—'}</td>
                      <td data-label="${t('scenario')}">${f?.scenario ? labelOf(t, 'scenario', f.scenario) : '—'}</td>
                      <td data-label="${t('devices')}" class="num">${f?.devices ?? c.devices ?? '—'}</td>
                      <td data-label="${t('levelShort')}">
                        ${levelBadge(ctx, c.level, { href: certLink })}${c.status === 'active' ? '' : html` <span class="muted">${labelOf(t, 'status', c.status)}</span>`}
                      </td>
                      <td data-label="${t('outputTps')}" class="num">${figure(f?.outputTokensPerSecond)}</td>
                      <td data-label="${t('outputTpsDevice')}" class="num">
                        ${figure(f?.outputTokensPerSecondPerDevice)}
                      </td>
                      <td data-label="${t('ttftP99')}" class="num">${ms(f?.ttftP99Ms)}</td>
                      <td data-label="${t('tpotP99')}" class="num">${ms(f?.tpotP99Ms)}</td>
                      <td data-label="${t('stack')}" class="stack-cell">${stackText(c) || '—'}</td>
                      <td data-label="${t('submitter')}">${submitter}</td>
                      <td data-label="${t('date')}" class="nowrap">
                        <a href="${certLink}">${day(c.issuedAt)}</a>
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
      }`,
  };
}
