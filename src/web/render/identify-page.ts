import type { Identified } from '../../services/identify-service.js';
import { html, type SafeHtml } from '../html.js';
import { nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { certificationTable } from './certification-table.js';

const EXAMPLE = `01:00.0 Processing accelerators: Huawei Technologies Co., Ltd. Device d500 (rev 23)`;

function group(ctx: PageContext, r: Identified['recognized'][number]): SafeHtml {
  const { t, lang } = ctx;
  const facts = [
    r.sku ? `SKU ${r.sku.name}` : r.skuCandidates.length ? `${t('skuOneOf')} ${r.skuCandidates.join(', ')}` : null,
    r.boards !== null ? t('boardsOf', { n: r.boards }) : null,
    r.totalMemoryGiB !== null ? t('totalMemory', { n: r.totalMemoryGiB }) : null,
  ].filter((f): f is string => f !== null);
  return html`<article class="panel recognized" data-chip="${r.chip.id}">
    <h3>
      <a href="/chips/${encodeURIComponent(r.chip.id)}">${nameIn(lang, r.chip)}</a> ×
      ${r.count}${otherName(lang, r.chip) ? html` <small>${otherName(lang, r.chip)}</small>` : ''}
    </h3>
    ${facts.length > 0 && html`<p class="facts">${facts.join(' · ')}</p>`}
    ${r.slots.length > 0 && html`<p class="muted">${t('slots')}: ${r.slots.join(', ')}</p>`}
    <h4>${t('modelsToRun')}</h4>
    <table class="models" data-chip="${r.chip.id}">
      <thead>
        <tr>
          <th scope="col">${t('name')}</th>
          <th scope="col">${t('level')}</th>
          <th scope="col">${t('fitsAt')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.models.slice(0, 30).map(
          (m) =>
            html`<tr>
              <td><a href="/models/${encodeURIComponent(m.model)}">${m.nameEn}</a></td>
              <td>${m.level ? `${m.level}${m.verified ? '' : ` (${t('declared')})`}` : t('notCertified')}</td>
              <td>
                ${
                  m.fit
                    .filter((f) => f.fits)
                    .map((f) => f.precision)
                    .join(', ') || '—'
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h4>${t('activeCertifications')}</h4>
    ${certificationTable(ctx, r.certifications, 'model')}
  </article>`;
}

function result(ctx: PageContext, found: Identified): SafeHtml {
  const { t, lang } = ctx;
  const ignoredCount = found.ignored.reduce((n, i) => n + i.count, 0);
  return html`<section class="identify-result" id="identify-result">
    <p class="summary">${found.summary}</p>
    <h2>${t('recognized')}</h2>
    ${
      found.recognized.length === 0
        ? html`<p class="empty-note">${t('noneRecognized')}</p>`
        : found.recognized.map((r) => group(ctx, r))
    }
    ${
      found.unresolved.length > 0 &&
      html`<h2>${t('unresolvedDevices')}</h2>
        <table class="unresolved" id="unresolved-devices">
          <thead>
            <tr>
              <th scope="col">${t('vendor')}</th>
              <th scope="col">${t('count')}</th>
              <th scope="col">${t('candidates')}</th>
              <th scope="col">${t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            ${found.unresolved.map(
              (u) =>
                html`<tr>
                  <td>${u.vendor ? nameIn(lang, ctx.names.vendor(u.vendor)) : '—'}</td>
                  <td>${u.count}</td>
                  <td>${u.candidates.join(', ') || '—'}</td>
                  <td>${u.reason}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    }
    ${
      found.unknown.length > 0 &&
      html`<h2>${t('unknownDevices')}</h2>
        <table class="unknown" id="unknown-devices">
          <thead>
            <tr>
              <th scope="col">PCI</th>
              <th scope="col">${t('name')}</th>
              <th scope="col">${t('vendor')}</th>
              <th scope="col">${t('count')}</th>
            </tr>
          </thead>
          <tbody>
            ${found.unknown.map(
              (u) =>
                html`<tr>
                  <td><code>${u.pciId ?? '—'}</code></td>
                  <td>${u.name ?? '—'}</td>
                  <td>${u.vendor ? nameIn(lang, ctx.names.vendor(u.vendor)) : '—'}</td>
                  <td>${u.count}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    }
    ${
      ignoredCount > 0 &&
      html`<p class="muted">${t('ignoredDevices', { n: ignoredCount })}</p>
        <ul class="ignored muted">
          ${found.ignored.map((i) => html`<li>${i.name ?? i.pciId ?? '—'} × ${i.count}: ${i.reason}</li>`)}
        </ul>`
    }
  </section>`;
}

/** The dump paste form (a plain POST form) and, after a paste, what was recognised and what it can run. */
export function identifyPage(
  ctx: PageContext,
  input: { text: string; found: Identified | null; problem: string | null },
): { title: string; body: SafeHtml } {
  const { t } = ctx;
  return {
    title: t('identifyTitle'),
    body: html`<h1>${t('identifyTitle')}</h1>
      <p class="intro">${t('identifyHelp')}</p>
      <form class="identify-form" method="post" action="/identify">
        <textarea
          name="lspci"
          id="lspci"
          rows="10"
          spellcheck="false"
          placeholder="${EXAMPLE}"
          aria-label="lspci / npu-smi"
        >
${input.text}</textarea>
        ${input.problem && html`<p class="notice" role="alert">${input.problem}</p>`}
        <button type="submit" id="identify-button">${t('identifyButton')}</button>
      </form>
      ${input.found && result(ctx, input.found)}`,
  };
}
