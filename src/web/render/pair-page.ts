import { DEPLOYMENT_FORMS, PRECISIONS, type Level } from '../../domain/vocabulary.js';
import type { Certification } from '../../domain/certification-view.js';
import { containerOf, figure, type Figures } from '../figures.js';
import { href, html, isWebUrl, type SafeHtml } from '../html.js';
import { labelOf, nameIn, otherName } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import type { Claim, PairView, UpgradePath } from '../pair-view.js';
import { checkMessage } from '../check-text.js';
import { certificationTable, precisionText, stackText } from './certification-table.js';
import { differenceText } from './compatibility-result.js';
import { day, levelBadge, levelWithName } from './level-badge.js';

/** Where the answer for a model × chip pair lives; the query narrows it. */
export const pairHref = (
  model: string,
  chip: string,
  query: { precision?: string | null; deployment?: string | null; stack?: string | null } = {},
): string => href(`/models/${encodeURIComponent(model)}/chips/${encodeURIComponent(chip)}`, query);

function sentence(ctx: PageContext, view: PairView): string {
  const { t, lang } = ctx;
  const model = nameIn(lang, view.model);
  const chip = nameIn(lang, view.chip);
  const { verdict, best } = view.compatibility;
  if (best && (verdict === 'certified' || verdict === 'certified-provisional')) {
    const level = `${best.level} ${labelOf(t, 'level', best.level)}`;
    const at = best.precision ? ` (${t('answerAt', { precision: best.precision })})` : '';
    return t(`answer.${verdict}`, { model, chip, level: level + at });
  }
  if (verdict === 'related') return t('answer.related', { model, chip });
  const declared = view.compatibility.declarations.length;
  return declared ? t('answer.declared', { model, chip, n: declared }) : t('answer.none', { model, chip });
}

function answerFacts(ctx: PageContext, view: PairView): SafeHtml {
  const { t } = ctx;
  const best = view.precisions[0];
  const fit = view.fit;
  return html`<dl class="facts-grid answer-facts">
    <dt>${t('bestLevel')}</dt>
    <dd id="best-level">
      ${best ? html`${levelWithName(ctx, best.level)} ${best.precision ?? ''}${best.verified ? '' : html` <em class="unverified">${t('declaredUnverified')}</em>`}` : '—'}
    </dd>
    <dt>${t('levelsByPrecision')}</dt>
    <dd>
      ${
        view.precisions.length
          ? html`<ul class="inline-list" id="precision-levels">
              ${view.precisions.map(
                (p) =>
                  html`<li>
                    <a href="${pairHref(view.model.id, view.chip.id, { precision: p.precision })}"
                      >${p.precision ?? t('unspecified')}</a
                    >
                    ${levelBadge(ctx, p.level)}
                  </li>`,
              )}
            </ul>`
          : '—'
      }
    </dd>
    <dt>${t('minCards')}</dt>
    <dd>${view.minDevices !== null ? t('minCardsValue', { n: view.minDevices }) : '—'}</dd>
    <dt>${t('memoryFitTitle')}</dt>
    <dd id="memory-fit">
      ${
        fit
          ? html`${t(fit.fits ? 'fitYes' : 'fitNo', {
                precision: fit.precision,
                weights: figure(fit.weightsGiB),
                devices: fit.devices,
                memory: fit.memoryGiB,
                total: fit.devices * fit.memoryGiB,
              })} <span class="muted">${t('fitNote')}</span>`
          : t('fitUnknown')
      }
    </dd>
  </dl>`;
}

function queryForm(ctx: PageContext, view: PairView): SafeHtml {
  const { t } = ctx;
  const q = view.query;
  return html`<form
      class="filters"
      method="get"
      action="${pairHref(view.model.id, view.chip.id)}"
      id="pair-form"
      aria-label="${t('stackCheckTitle')}"
    >
      <label
        >${t('precision')}<select name="precision" id="pair-precision">
          <option value="">${t('any')}</option>
          ${PRECISIONS.map((p) => html`<option value="${p}" ${q.precision === p ? html` selected` : ''}>${p}</option>`)}
        </select></label
      >
      <label
        >${t('deployment')}<select name="deployment" id="pair-deployment">
          <option value="">${t('any')}</option>
          ${DEPLOYMENT_FORMS.map((f) => html`<option value="${f}" ${q.deployment === f ? html` selected` : ''}>${labelOf(t, 'form', f)}</option>`)}
        </select></label
      >
      <label class="wide"
        >${t('yourStack')}<input
          type="text"
          name="stack"
          id="pair-stack"
          value="${q.stack ?? ''}"
          maxlength="500"
          placeholder="CANN@8.0.RC1,torch_npu@2.1.0"
          aria-describedby="stack-help"
      /></label>
      <button type="submit">${t('check')}</button>
    </form>
    <p class="muted small" id="stack-help">${t('stackCheckHelp')}</p>`;
}

/** Where a step's reason lives: the certification's page, else the declaration's or combination's source. */
function becauseLink(ctx: PageContext, because: UpgradePath['steps'][number]['because']): SafeHtml {
  const kind = labelOf(ctx.t, 'claimKind', because.kind);
  if (because.kind === 'certification')
    return html`${kind} <a href="/certifications/${encodeURIComponent(because.id)}"><code>${because.id}</code></a>`;
  return html`${kind} <code>${because.id}</code>${because.url ? html` · ${sourceLink(because.url)}` : ''}`;
}

/** The stack the user typed, led to a stack with a claim: the steps, the target and the resulting stack. */
function upgradePath(ctx: PageContext, view: PairView): SafeHtml {
  const { t, lang } = ctx;
  const problem = view.stackProblem;
  const path = view.upgrade;
  const body = (): SafeHtml => {
    if (problem)
      return html`<p class="notice" role="alert">${t('stackUnreadable', { detail: problem.detail })}</p>
        ${
          problem.suggestions.length > 0 &&
          html`<p>
            ${t('didYouMean')} ${problem.suggestions.map((s, i) => html`${i ? ', ' : ''}<code>${s.name}</code>`)}
          </p>`
        }`;
    if (!path) return html`<p class="muted">${t('upgradeHelp')}</p>`;
    if (!path.found || !path.target)
      return html`<p id="upgrade-verdict">
        ${t('upgradeNotFound', { model: nameIn(lang, view.model), chip: nameIn(lang, view.chip) })}
        ${path.considered.withoutStack ? t('upgradeWithoutStack', { n: path.considered.withoutStack }) : ''}
      </p>`;
    const claim = path.target.claim;
    const level = claim.level as Level;
    const kind = labelOf(t, 'claimKind', claim.verified ? 'certification' : 'declaration');
    const vars = {
      n: path.steps.length,
      kind,
      id: claim.id,
      level: `${level} ${labelOf(t, 'level', level)}`,
    };
    return html`<p id="upgrade-verdict">
        ${levelBadge(ctx, level, claim.verified ? { href: `/certifications/${encodeURIComponent(claim.id)}` } : {})}
        ${t(path.steps.length ? 'upgradeSteps' : 'upgradeAlready', vars)}
      </p>
      ${
        path.steps.length > 0 &&
        html`<table class="certs cards" id="upgrade-steps">
          <caption class="visually-hidden">
            ${t('upgradeTitle')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('component')}</th>
              <th scope="col">${t('change')}</th>
              <th scope="col">${t('because')}</th>
            </tr>
          </thead>
          <tbody>
            ${path.steps.map(
              (step) =>
                html`<tr data-software="${step.software ?? step.name}">
                  <th scope="row" data-label="${t('component')}">${step.name}</th>
                  <td data-label="${t('change')}">
                    ${labelOf(t, 'upgradeAction', step.action)}
                    ${step.from ? html`<code>${step.from}</code> → ` : ''}<code>${step.to}</code>
                  </td>
                  <td data-label="${t('because')}">${becauseLink(ctx, step.because)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      }
      ${
        path.resultingStack &&
        html`<p id="upgrade-result">
          ${t('upgradeResulting')}:
          <code>${path.resultingStack.components.map((c) => `${c.name}@${c.version}`).join(',')}</code>
          (${labelOf(t, 'stackVerdict', path.resultingStack.verdict)})
        </p>`
      }
      <p class="muted small">
        ${t('upgradeConsidered', path.considered)}
        <a href="${href('/v1/upgrade-path', { model: view.model.id, chip: view.chip.id, from: view.query.stack })}"
          >${t('upgradeJson')}</a
        >
      </p>`;
  };
  return html`<section class="panel" id="upgrade-path" aria-labelledby="upgrade-title">
    <h2 id="upgrade-title">${t('upgradeTitle')}</h2>
    ${body()}
    ${
      path &&
      path.warnings.length > 0 &&
      html`<ul class="plain-list muted" id="upgrade-warnings">
        ${path.warnings.map((w) => html`<li>${w}</li>`)}
      </ul>`
    }
  </section>`;
}

function differences(ctx: PageContext, view: PairView): SafeHtml {
  const { t } = ctx;
  const { related, matches } = view.compatibility;
  const provisional = matches.filter((m) => m.match === 'provisional');
  if (related.length === 0 && provisional.length === 0) return html``;
  const item = (
    c: Certification,
    list: Array<{ field: string; expected: string; actual: string | null; detail: string }>,
  ) =>
    html`<li>
      ${levelBadge(ctx, c.level, { href: `/certifications/${encodeURIComponent(c.id)}` })}
      <a href="/certifications/${encodeURIComponent(c.id)}"><code>${c.id}</code></a> ${precisionText(c)}
      <ul class="differences">
        ${list.map((d) => html`<li>${differenceText(ctx, d)}</li>`)}
      </ul>
    </li>`;
  return html`<section class="panel" id="differences">
    <h2>${t('differences')}</h2>
    <ul class="related">
      ${provisional.map((m) => item(m.certification, m.differences))}${related.map((r) => item(r.certification, r.differences))}
    </ul>
  </section>`;
}

function figureCells(ctx: PageContext, f: Figures | null): SafeHtml {
  const { t } = ctx;
  const ms = (n: number | undefined) => (n === undefined ? '—' : t('ms', { n: figure(n) }));
  return html`<td data-label="${t('scenario')}">${f?.scenario ? labelOf(t, 'scenario', f.scenario) : '—'}</td>
    <td data-label="${t('devices')}" class="num">${f?.devices ?? '—'}</td>
    <td data-label="${t('concurrency')}" class="num">${f?.concurrency ?? '—'}</td>
    <td data-label="${t('outputTps')}" class="num">${figure(f?.outputTokensPerSecond)}</td>
    <td data-label="${t('outputTpsDevice')}" class="num">${figure(f?.outputTokensPerSecondPerDevice)}</td>
    <td data-label="${t('ttftP99')}" class="num">${ms(f?.ttftP99Ms)}</td>
    <td data-label="${t('tpotP99')}" class="num">${ms(f?.tpotP99Ms)}</td>`;
}

export const FIGURE_HEADERS = [
  'scenario',
  'devices',
  'concurrency',
  'outputTps',
  'outputTpsDevice',
  'ttftP99',
  'tpotP99',
] as const;

function performance(ctx: PageContext, claims: Claim[]): SafeHtml {
  const { t } = ctx;
  const measured = claims.filter((c) => c.figures);
  return html`<section class="panel" id="performance">
    <h2>${t('performanceTitle')}</h2>
    ${
      measured.length === 0
        ? html`<p class="empty-note">${t('noFigures')}</p>`
        : html`<table class="certs cards">
            <caption class="visually-hidden">
              ${t('performanceTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('certification')}</th>
                <th scope="col">${t('precision')}</th>
                ${FIGURE_HEADERS.map((k) => html`<th scope="col">${t(k)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${measured.map(
                (c) =>
                  html`<tr>
                    <td data-label="${t('certification')}">
                      ${levelBadge(ctx, c.certification.level)}
                      <a href="/certifications/${encodeURIComponent(c.certification.id)}"
                        ><code>${c.certification.id}</code></a
                      >
                    </td>
                    <td data-label="${t('precision')}">${precisionText(c.certification) || '—'}</td>
                    ${figureCells(ctx, c.figures)}
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function sourceLink(url: string): SafeHtml {
  return isWebUrl(url)
    ? html`<a href="${url}" rel="noopener noreferrer"
        >${new URL(url).hostname}${new URL(url).pathname.length > 1 ? '/…' : ''}</a
      >`
    : html`${url}`;
}

function stacksAndSources(ctx: PageContext, view: PairView): SafeHtml {
  const { t, lang } = ctx;
  const rows = [...view.claims.map((c) => c.certification), ...view.declarations];
  if (rows.length === 0) return html``;
  return html`<section class="panel" id="stacks">
    <h2>${t('stacksTitle')} · ${t('claimsTitle')}</h2>
    <table class="certs cards">
      <thead>
        <tr>
          <th scope="col">${t('levelShort')}</th>
          <th scope="col">${t('precision')}</th>
          <th scope="col">${t('stack')}</th>
          <th scope="col">${t('container')}</th>
          <th scope="col">${t('source')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((c) => {
          const container = containerOf(c);
          return html`<tr data-certification="${c.id}">
            <td data-label="${t('levelShort')}">
              ${levelBadge(ctx, c.level, { href: `/certifications/${encodeURIComponent(c.id)}` })}
              ${c.verified ? '' : html`<em class="unverified">${t('unverified')}</em>`}
            </td>
            <td data-label="${t('precision')}">${precisionText(c) || t('unspecified')}</td>
            <td data-label="${t('stack')}" class="stack-cell">
              ${c.stack.length ? stackText(c) : html`<span class="muted">${t('noStack')}</span>`}
              ${c.system ? html`<br /><span class="muted">${t('system')}: ${nameIn(lang, ctx.names.system(c.system))}</span>` : ''}
            </td>
            <td data-label="${t('container')}">${container ? html`<code>${container}</code>` : '—'}</td>
            <td data-label="${t('source')}">
              ${
                c.source
                  ? html`${c.source.statement}: ${sourceLink(c.source.url)}<br /><span class="muted"
                        >${t('declaredBy', { date: day(c.issuedAt) })}</span
                      >`
                  : html`<a href="/certifications/${encodeURIComponent(c.id)}"
                      >${t('fromCertificate', { id: c.id, date: day(c.issuedAt) })}</a
                    >`
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </section>`;
}

function nextLevel(ctx: PageContext, claims: Claim[]): SafeHtml {
  const { t, lang } = ctx;
  if (claims.length === 0) return html``;
  return html`<section class="panel" id="next-level">
    <h2>${t('nextLevelTitle')}</h2>
    <ul class="plain-list">
      ${claims.map((c) => {
        const id = c.certification.id;
        if (!c.nextLevel) return html`<li>${t('topLevel', { id })}</li>`;
        return html`<li>
          <strong>${t('nextLevelFor', { id, level: c.certification.level, next: c.nextLevel.level })}</strong>
          ${
            c.nextLevel.missing.length
              ? html`<ul>
                  ${c.nextLevel.missing.map((m) => {
                    const check = c.certification.evidence?.checks.find((k) => k.id === m.id);
                    return html`<li>${check ? checkMessage(lang, check) : m.message}</li>`;
                  })}
                </ul>`
              : html` ${t('nothingMissing', { next: c.nextLevel.level })}`
          }
        </li>`;
      })}
    </ul>
  </section>`;
}

/** The answer to "can I run model M on chip C, at which level, with which precision and stack?". */
export function pairPage(ctx: PageContext, view: PairView): { title: string; body: SafeHtml } {
  const { t, lang } = ctx;
  const title = t('pairTitle', { model: nameIn(lang, view.model), chip: nameIn(lang, view.chip) });
  const asked = view.query.precision;
  const others = view.precisions.filter((p) => p.precision && p.precision !== asked).map((p) => p.precision!);
  const askedMissing = asked && !view.precisions.some((p) => p.precision === asked);
  return {
    title,
    body: html`<p class="crumbs">
        <a href="/">${t('nav.matrix')}</a> ›
        <a href="/models/${encodeURIComponent(view.model.id)}">${nameIn(lang, view.model)}</a> ›
        <a href="/chips/${encodeURIComponent(view.chip.id)}">${nameIn(lang, view.chip)}</a>
      </p>
      <h1 id="pair-title">${title}</h1>
      ${
        (otherName(lang, view.model) || otherName(lang, view.chip)) &&
        html`<p class="muted">
          ${otherName(lang, view.model) ?? view.model.nameEn} · ${otherName(lang, view.chip) ?? view.chip.nameEn}
        </p>`
      }
      <section class="answer verdict verdict-${view.compatibility.verdict}" id="answer" aria-live="polite">
        <p class="answer-sentence"><strong>${sentence(ctx, view)}</strong></p>
        ${askedMissing && others.length > 0 && html`<p>${t('precisionElsewhere', { precision: asked, others: others.join(', ') })}</p>`}
        ${answerFacts(ctx, view)}
      </section>
      ${queryForm(ctx, view)} ${upgradePath(ctx, view)} ${differences(ctx, view)} ${performance(ctx, view.claims)}
      ${stacksAndSources(ctx, view)} ${nextLevel(ctx, view.claims)}
      ${
        view.inactive.length > 0 &&
        html`<section class="panel">
          <h2>${t('inactiveTitle')}</h2>
          ${certificationTable(ctx, view.inactive, 'model')}
        </section>`
      }
      <section class="panel">
        <h2>${t('links')}</h2>
        <ul class="plain-list">
          <li>
            <a
              href="${href('/v1/compatibility', {
                model: view.model.id,
                chip: view.chip.id,
                precision: view.query.precision,
                deployment: view.query.deployment,
              })}"
              >JSON</a
            >
          </li>
          <li>
            <a href="/models/${encodeURIComponent(view.model.id)}"
              >${t('otherChips', { model: nameIn(lang, view.model) })}</a
            >
          </li>
          <li>
            <a href="/chips/${encodeURIComponent(view.chip.id)}"
              >${t('otherModels', { chip: nameIn(lang, view.chip) })}</a
            >
          </li>
        </ul>
      </section>`,
  };
}
