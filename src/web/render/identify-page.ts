import type { IdentifyService } from '../../services/identify-service.js';
import { html, type SafeHtml } from '../html.js';
import { nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { certificationTable } from './certification-table.js';

type Identified = ReturnType<IdentifyService['fromLspci']>;

const EXAMPLE = `3b:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)`;

function result(ctx: PageContext, found: Identified): SafeHtml {
  const { t, lang } = ctx;
  return html`<section class="identify-result" id="identify-result">
    <p class="summary">${t('devicesRead', { n: found.devices })}</p>
    <h2>${t('recognized')}</h2>
    ${
      found.recognized.length === 0
        ? html`<p class="empty-note">${t('noneRecognized')}</p>`
        : found.recognized.map(
            (r) =>
              html`<article class="panel recognized" data-chip="${r.chip.id}">
                <h3>
                  <a href="/chips/${encodeURIComponent(r.chip.id)}">${nameIn(lang, r.chip)}</a> ×
                  ${r.count}${otherName(lang, r.chip) ? html` <small>${otherName(lang, r.chip)}</small>` : ''}
                </h3>
                ${r.slots.length > 0 && html`<p class="muted">${t('slots')}: ${[...new Set(r.slots)].join(', ')}</p>`}
                <h4>${t('activeCertifications')}</h4>
                ${certificationTable(ctx, r.certifications, 'model')}
              </article>`,
          )
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
                  <td><code>${u.pciId}</code></td>
                  <td>${u.name ?? '—'}</td>
                  <td>${u.vendor ? nameIn(lang, ctx.names.vendor(u.vendor)) : '—'}</td>
                  <td>${u.count}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    }
    ${found.ignored > 0 && html`<p class="muted">${t('ignoredDevices', { n: found.ignored })}</p>`}
  </section>`;
}

/** The lspci paste form (a plain POST form) and, after a paste, what was recognised. */
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
        <textarea name="lspci" id="lspci" rows="10" spellcheck="false" placeholder="${EXAMPLE}" aria-label="lspci -nn">
${input.text}</textarea>
        ${input.problem && html`<p class="notice" role="alert">${input.problem}</p>`}
        <button type="submit" id="identify-button">${t('identifyButton')}</button>
      </form>
      ${input.found && result(ctx, input.found)}`,
  };
}
