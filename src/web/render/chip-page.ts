import type { Chip, Model } from '../../domain/catalog-types.js';
import { DEPLOYMENT_FORMS, PRECISIONS, type DeploymentForm, type Precision } from '../../domain/vocabulary.js';
import type { Certification } from '../../domain/certification-view.js';
import type { CompatibilityService } from '../../services/compatibility-service.js';
import { html, isWebUrl, type SafeHtml } from '../html.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { certificationTable } from './certification-table.js';
import { compatibilityResult } from './compatibility-result.js';

export interface ChipCheck {
  query: { model?: string; precision?: Precision; deployment?: DeploymentForm };
  result: ReturnType<CompatibilityService['check']> | null;
  /** Set when the model could not be resolved. */
  unknownModel: { text: string; suggestions: Array<{ id: string; name: string }> } | null;
}

function facts(ctx: PageContext, chip: Chip): SafeHtml {
  const { t } = ctx;
  if (chip.facts.length === 0) return html``;
  return html`<h2>${t('facts')}</h2>
    <div class="table-scroll">
      <table class="facts cards">
        <thead>
          <tr>
            <th scope="col">${t('field')}</th>
            <th scope="col">${t('value')}</th>
            <th scope="col">${t('source')}</th>
            <th scope="col">${t('confidence')}</th>
          </tr>
        </thead>
        <tbody>
          ${chip.facts.map(
            (f) =>
              html`<tr>
                <td data-label="${t('field')}"><code>${f.field}</code></td>
                <td data-label="${t('value')}">${f.value}</td>
                <td data-label="${t('source')}">
                  ${isWebUrl(f.source.url) ? html`<a href="${f.source.url}" rel="noopener noreferrer">${new URL(f.source.url).hostname}</a>` : f.source.url}
                </td>
                <td data-label="${t('confidence')}">${f.source.confidence ?? '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function checkForm(ctx: PageContext, chip: Chip, models: Model[], check: ChipCheck): SafeHtml {
  const { t, lang } = ctx;
  const selected = check.result?.query.model ?? check.query.model;
  return html`<form class="filters" method="get" action="/chips/${encodeURIComponent(chip.id)}" id="check-form">
    <label
      >${t('model')}<select name="model" required>
        <option value="">—</option>
        ${models.map((m) => html`<option value="${m.id}" ${selected === m.id ? html` selected` : ''}>${nameIn(lang, m)}</option>`)}
      </select></label
    >
    <label
      >${t('precision')}<select name="precision">
        <option value="">${t('any')}</option>
        ${PRECISIONS.map((p) => html`<option value="${p}" ${check.query.precision === p ? html` selected` : ''}>${p}</option>`)}
      </select></label
    >
    <label
      >${t('deployment')}<select name="deployment">
        <option value="">${t('any')}</option>
        ${DEPLOYMENT_FORMS.map((f) => html`<option value="${f}" ${check.query.deployment === f ? html` selected` : ''}>${labelOf(t, 'form', f)}</option>`)}
      </select></label
    >
    <button type="submit">${t('check')}</button>
  </form>`;
}

export function chipPage(
  ctx: PageContext,
  chip: Chip,
  certifications: Certification[],
  models: Model[],
  check: ChipCheck,
): { title: string; body: SafeHtml } {
  const { t, lang, names } = ctx;
  const vendor = names.vendor(chip.vendor);
  const memory = chip.memoryGiB
    ? `${chip.memoryGiB} GiB${chip.memoryType ? ` ${chip.memoryType}` : ''}`
    : (chip.memoryType ?? '—');
  return {
    title: nameIn(lang, chip),
    body: html`<p class="crumbs"><a href="/">${t('nav.matrix')}</a> › ${t('chip')}</p>
      <h1 id="chip-name">
        ${nameIn(lang, chip)}${otherName(lang, chip) ? html` <small>${otherName(lang, chip)}</small>` : ''}
      </h1>
      <dl class="facts-grid">
        <dt>${t('vendor')}</dt>
        <dd>${nameIn(lang, vendor)}</dd>
        <dt>${t('deviceClass')}</dt>
        <dd>${labelOf(t, 'class', chip.deviceClass ?? 'none')}</dd>
        <dt>${t('chipFamily')}</dt>
        <dd>${chip.family ?? '—'}</dd>
        <dt>${t('memory')}</dt>
        <dd>${memory}</dd>
        <dt>${t('precisions')}</dt>
        <dd>${chip.precisions?.length ? chip.precisions.join(', ') : '—'}</dd>
        <dt>${t('pciIds')}</dt>
        <dd>
          ${chip.pciIds.length ? chip.pciIds.map((p, i) => html`${i > 0 ? ', ' : ''}<code>${p.vendor}:${p.device}</code>`) : '—'}
        </dd>
        <dt>${t('aliases')}</dt>
        <dd>${chip.aliases.length ? chip.aliases.join(' · ') : '—'}</dd>
      </dl>
      <section class="panel">
        <h2>${t('checkTitle')}</h2>
        ${checkForm(ctx, chip, models, check)}
        ${
          check.unknownModel &&
          html`<p class="notice">
            ${t('unknownModel', { q: check.unknownModel.text })}
            ${check.unknownModel.suggestions.length > 0 && html`${t('didYouMean')} ${check.unknownModel.suggestions.map((s, i) => html`${i > 0 ? ', ' : ''}<code>${s.id}</code>`)}`}
          </p>`
        }
        ${check.result && compatibilityResult(ctx, check.result)}
      </section>
      <h2>${t('certificationsOnChip')}</h2>
      ${certificationTable(ctx, certifications, 'model')} ${facts(ctx, chip)}`,
  };
}
