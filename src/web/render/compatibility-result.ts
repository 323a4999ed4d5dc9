import type { CompatibilityService } from '../../services/compatibility-service.js';
import { html, type SafeHtml } from '../html.js';
import { labelOf } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { levelBadge } from './level-badge.js';

type Result = ReturnType<CompatibilityService['check']>;

/** A difference between the query and a certification, in the page's language (built from its fields in Chinese). */
export function differenceText(
  ctx: PageContext,
  d: { field: string; expected: string; actual: string | null; detail: string },
): string {
  const { t } = ctx;
  if (ctx.lang !== 'zh') return d.detail;
  if (d.field === 'status') return `该认证${labelOf(t, 'status', d.actual)}`;
  if (d.field === 'level') return `认证级别为 ${d.actual ?? '—'}，低于要求的 ${d.expected.replace(/^>=\s*/, '')}`;
  if (d.field === 'precision') return `认证精度为 ${d.actual ?? '其他精度'}`;
  if (d.field === 'form') return `认证的部署形态为${d.actual ? labelOf(t, 'form', d.actual) : '其他形态'}`;
  if (d.field === 'stack')
    return d.actual === null
      ? `要求 ${d.expected}：已认证的软件栈中没有该组件`
      : `要求 ${d.expected}，已认证的是 ${d.actual}`;
  return d.detail;
}

const certLink = (ctx: PageContext, c: { id: string; level: Parameters<typeof levelBadge>[1] }): SafeHtml => {
  const target = `/certifications/${encodeURIComponent(c.id)}`;
  return html`${levelBadge(ctx, c.level, { href: target })} <a href="${target}"><code>${c.id}</code></a>`;
};

/** The verdict of "is M certified on C?" with the best match, near misses and their differences, and declarations. */
export function compatibilityResult(ctx: PageContext, result: Result): SafeHtml {
  const { t } = ctx;
  return html`<div class="verdict verdict-${result.verdict}" id="verdict">
    <p class="verdict-label"><strong>${labelOf(t, 'verdict', result.verdict)}</strong></p>
    ${result.best && html`<p>${t('bestMatch')}: ${certLink(ctx, result.best)}</p>`}
    ${
      result.matches.length > 1 &&
      html`<ul>
        ${result.matches.slice(1).map((m) => html`<li>${certLink(ctx, m.certification)}</li>`)}
      </ul>`
    }
    ${
      result.related.length > 0 &&
      html`<h3>${t('related')}</h3>
        <ul class="related">
          ${result.related.map(
            (r) =>
              html`<li>
                ${certLink(ctx, r.certification)}
                <ul class="differences">
                  ${r.differences.map((d) => html`<li>${differenceText(ctx, d)}</li>`)}
                </ul>
              </li>`,
          )}
        </ul>`
    }
    ${
      result.declarations.length > 0 &&
      html`<h3>${t('declarations')}</h3>
        <ul>
          ${result.declarations.map((d) => html`<li>${certLink(ctx, d)} ${d.source?.statement ?? ''}</li>`)}
        </ul>`
    }
  </div>`;
}
