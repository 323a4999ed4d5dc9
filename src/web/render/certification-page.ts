import type { Certification, CertificationEvidence } from '../../domain/certification-view.js';
import { html, isWebUrl, type SafeHtml } from '../html.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { day, levelWithName, statusPill } from './level-badge.js';
import { precisionText } from './certification-table.js';

const shown = (value: unknown): string =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'number'
      ? String(Math.round(value * 10_000) / 10_000)
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);

function validity(ctx: PageContext, c: Certification, now: Date): SafeHtml {
  const { t } = ctx;
  if (!c.validUntil)
    return html`<p>${t('issued')}: ${day(c.issuedAt)}</p>
      <p class="unverified">${t('noExpiry')}</p>`;
  const days = Math.ceil((Date.parse(c.validUntil) - now.getTime()) / 86400_000);
  // Only a current certification counts down: a revoked or superseded one is not valid until any date.
  const note =
    c.status === 'active' && days > 0
      ? html`<span class="muted">(${t('daysLeft', { n: days })})</span>`
      : c.status === 'expired' || days <= 0
        ? html`<span class="status status-expired">${t('expiredOn', { date: day(c.validUntil) })}</span>`
        : html`<span class="status status-${c.status}">${labelOf(t, 'status', c.status)}</span>`;
  return html`<p>${t('issued')}: ${day(c.issuedAt)}</p>
    <p>${t('validUntil')}: <strong>${day(c.validUntil)}</strong> ${note}</p>`;
}

function checks(ctx: PageContext, evidence: CertificationEvidence): SafeHtml {
  const { t } = ctx;
  if (evidence.checks.length === 0) return html`<p class="empty-note">${t('noChecks')}</p>`;
  const count = (status: string) => evidence.checks.filter((c) => c.status === status).length;
  return html`<p class="summary">
      ${t('checksSummary', { pass: count('pass'), fail: count('fail'), na: count('not-applicable') })}
    </p>
    <div class="table-scroll">
      <table class="checks" id="checks">
        <thead>
          <tr>
            <th scope="col">${t('checkId')}</th>
            <th scope="col">${t('levelShort')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('actual')}</th>
            <th scope="col">${t('threshold')}</th>
            <th scope="col">${t('message')}</th>
          </tr>
        </thead>
        <tbody>
          ${evidence.checks.map(
            (c) =>
              html`<tr class="check-${c.status}">
                <td><code>${c.id}</code></td>
                <td>${c.level}</td>
                <td><span class="check check-${c.status}">${labelOf(t, 'check', c.status)}</span></td>
                <td>${shown(c.actual)}</td>
                <td>${shown(c.threshold)}</td>
                <td>${c.message}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function declarationSource(ctx: PageContext, source: NonNullable<Certification['source']>): SafeHtml {
  const { t } = ctx;
  return html`<section class="panel">
    <h2>${t('declaration')}</h2>
    <dl class="facts-grid">
      <dt>${t('statement')}</dt>
      <dd>${source.statement}</dd>
      ${
        source.detail &&
        html`<dt>${t('detail')}</dt>
          <dd>${source.detail}</dd>`
      }
      <dt>${t('source')}</dt>
      <dd>
        ${isWebUrl(source.url) ? html`<a href="${source.url}" rel="noopener noreferrer">${source.url}</a>` : source.url}
      </dd>
      <dt>${t('confidence')}</dt>
      <dd>${source.confidence ?? '—'}</dd>
    </dl>
  </section>`;
}

export function certificationPage(ctx: PageContext, c: Certification, now: Date): { title: string; body: SafeHtml } {
  const { t, lang, names } = ctx;
  const chip = names.chip(c.chip);
  const model = names.model(c.model);
  const id = encodeURIComponent(c.id);
  return {
    title: `${c.id} · ${nameIn(lang, model)} / ${nameIn(lang, chip)}`,
    body: html`<p class="crumbs">
        <a href="/">${t('nav.matrix')}</a> › <a href="/chips/${encodeURIComponent(c.chip)}">${nameIn(lang, chip)}</a> ›
        ${t('certification')}
      </p>
      <h1><code id="cert-id">${c.id}</code></h1>
      <p class="cert-title">${t('pairTitle', { model: nameIn(lang, model), chip: nameIn(lang, chip) })}</p>
      <div class="cert-head">
        <div class="cert-level" id="cert-level">${levelWithName(ctx, c.level, true)}</div>
        <div id="cert-status">
          ${t('status')}: ${statusPill(ctx, c.status)}
          ${
            !c.verified
              ? html`<span class="unverified">${t('unverified')}</span>`
              : c.status === 'active'
                ? html`<span class="verified">${t('verified')}</span>`
                : html`<span class="unverified">${t('noLongerValid')}</span>`
          }
          ${c.preview && html`<span class="flag">${t('preview')}</span>`}${c.highAccuracy && html`<span class="flag">${t('highAccuracy')}</span>`}
        </div>
        <img
          class="cert-badge"
          src="/v1/certifications/${id}/badge.svg"
          alt="${c.level} ${labelOf(t, 'status', c.status)}"
        />
      </div>
      ${c.revocation && html`<p class="notice notice-revoked">${t('revokedReason', { date: day(c.revocation.at), reason: c.revocation.reason })}</p>`}
      ${
        c.supersededBy &&
        html`<p class="notice">
          ${t('supersededBy')}:
          <a href="/certifications/${encodeURIComponent(c.supersededBy)}"><code>${c.supersededBy}</code></a>
        </p>`
      }
      <div class="columns">
        <section class="panel" id="validity">
          <h2>${t('validity')}</h2>
          ${validity(ctx, c, now)}
          ${
            c.verified &&
            html`<div class="verify">
              <button
                type="button"
                id="verify-button"
                data-certificate="/v1/certifications/${id}/certificate"
                data-label-verifying="${t('verifying')}"
                data-label-valid="${t('certificateValid')}"
                data-label-not-current="${t('certificateNotCurrent')}"
                data-label-invalid="${t('certificateInvalid')}"
                data-label-failed="${t('verifyFailed')}"
              >
                ${t('verifyCertificate')}
              </button>
              <output id="verify-result" aria-live="polite"></output>
              <p class="muted">${t('verifyHelp')}</p>
            </div>`
          }
        </section>
        <section class="panel" id="deployment">
          <h2>${t('deploymentTitle')}</h2>
          <dl class="facts-grid">
            <dt>${t('model')}</dt>
            <dd>${nameIn(lang, model)} <code>${c.model}</code></dd>
            <dt>${t('chip')}</dt>
            <dd>
              <a href="/chips/${encodeURIComponent(c.chip)}">${nameIn(lang, chip)}</a
              >${otherName(lang, chip) ? html` <span class="muted">${otherName(lang, chip)}</span>` : ''}
            </dd>
            <dt>${t('vendor')}</dt>
            <dd>${nameIn(lang, names.vendor(c.vendor))}</dd>
            ${
              c.system &&
              html`<dt>${t('system')}</dt>
                <dd>${nameIn(lang, names.system(c.system))}</dd>`
            }
            <dt>${t('devices')}</dt>
            <dd>${c.devices ?? '—'}</dd>
            <dt>${t('precision')}</dt>
            <dd>${precisionText(c) || '—'}</dd>
            <dt>${t('deployment')}</dt>
            <dd>${c.form ? labelOf(t, 'form', c.form) : '—'}</dd>
            <dt>${t('requirementSet')}</dt>
            <dd>${c.requirementSet ?? '—'}</dd>
          </dl>
        </section>
      </div>
      <section class="panel">
        <h2>${t('stack')}</h2>
        ${
          c.stack.length === 0
            ? html`<p class="empty-note">${t('noStack')}</p>`
            : html`<table class="stack">
                <thead>
                  <tr>
                    <th scope="col">${t('kind')}</th>
                    <th scope="col">${t('name')}</th>
                    <th scope="col">${t('version')}</th>
                    <th scope="col">${t('channel')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${c.stack.map(
                    (s) =>
                      html`<tr>
                        <td>${s.kind}</td>
                        <td>${s.name}</td>
                        <td><code>${s.version}</code></td>
                        <td>${s.channel ?? '—'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      ${
        c.evidence &&
        html`<section class="panel" id="evidence">
          <h2>${t('evidence')}</h2>
          <dl class="facts-grid">
            <dt>${t('modelRevision')}</dt>
            <dd><code>${c.evidence.modelRevision}</code></dd>
            <dt>${t('os')}</dt>
            <dd>${c.evidence.os ?? '—'}</dd>
          </dl>
          <h3>${t('checks')}</h3>
          ${checks(ctx, c.evidence)}
        </section>`
      }
      ${c.source && declarationSource(ctx, c.source)}
      <section class="panel">
        <h2>${t('links')}</h2>
        <ul class="plain-list">
          <li><a href="/v1/certifications/${id}">JSON</a></li>
          ${c.verified && html`<li><a href="/v1/certifications/${id}/certificate">${t('signedCertificate')}</a></li>`}
          ${c.verified && html`<li><a href="/v1/certifications/${id}/proof">${t('logProof')}</a></li>`}
          <li>${t('badge')}: <code class="snippet">![chipreg](/v1/certifications/${c.id}/badge.svg)</code></li>
        </ul>
      </section>`,
  };
}
