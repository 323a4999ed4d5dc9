import { html, type SafeHtml } from '../html.js';
import type { LabelKey } from '../i18n.js';
import type { PageContext } from '../page-context.js';

export interface PageError {
  status: number;
  detail: string;
  problems: Array<{ pointer: string; detail: string }>;
  suggestions: Array<{ id: string; name: string; kind?: string }>;
  /** Where a suggested id leads (a chip page, a model page…), if anywhere. */
  suggestionHref?: (id: string, kind?: string) => string;
}

/**
 * The services' error sentences in the page's language: the common ones are recognised by shape
 * and said again in Chinese; any other keeps its English text.
 */
export function errorText(ctx: PageContext, detail: string): string {
  if (ctx.lang !== 'zh') return detail;
  const { t } = ctx;
  const record = /^No (model|chip|vendor|system|certification) "(.*)"\.$/s.exec(detail);
  if (record) return t('noRecord', { kind: t(`record.${record[1]}` as LabelKey), id: record[2]! });
  const path = /^There is no page at (.*)\.$/s.exec(detail);
  if (path) return t('notFoundPath', { path: path[1]! });
  const count = /^The request has (\d+) problem\(s\)\.$/.exec(detail);
  if (count) return t('problemsCount', { n: count[1]! });
  return detail;
}

const PROBLEM_ZH: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^is not a known field here$/, () => '不是此处可用的参数'],
  [/^must be one of: (.*)$/, (m) => `必须是以下之一：${m[1]}`],
  [/^must be a level from L0 to L4$/, () => '必须是 L0 至 L4 之间的级别'],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be given once, as text$/, () => '只能给出一次，且为文本'],
  [/^must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^must be en or zh$/, () => '必须是 en 或 zh'],
];

/** One parameter problem in the page's language. */
function problemText(ctx: PageContext, detail: string): string {
  if (ctx.lang !== 'zh') return detail;
  for (const [pattern, say] of PROBLEM_ZH) {
    const m = pattern.exec(detail);
    if (m) return say(m);
  }
  return detail;
}

/** A friendly error page: what was wrong, each bad parameter, "did you mean", and a way back. Never a stack trace. */
export function errorPage(ctx: PageContext, error: PageError): { title: string; body: SafeHtml } {
  const { t } = ctx;
  const title =
    error.status === 404 ? t('notFoundTitle') : error.status >= 500 ? t('serverErrorTitle') : t('badRequestTitle');
  const detail = error.status >= 500 ? t('serverErrorBody') : errorText(ctx, error.detail);
  return {
    title,
    body: html`<section class="error-page">
      <p class="error-status">${error.status}</p>
      <h1>${title}</h1>
      <p>${detail}</p>
      ${
        error.problems.length > 0 &&
        html`<table class="problems">
          <thead>
            <tr>
              <th scope="col">${t('parameter')}</th>
              <th scope="col">${t('problem')}</th>
            </tr>
          </thead>
          <tbody>
            ${error.problems.map(
              (p) =>
                html`<tr>
                  <td><code>${p.pointer.replace(/^\/(query|body)\//, '')}</code></td>
                  <td>${problemText(ctx, p.detail)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      }
      ${
        error.suggestions.length > 0 &&
        html`<p>${t('didYouMean')}</p>
          <ul class="suggestions">
            ${error.suggestions.map((s) => html`<li>${error.suggestionHref ? html`<a href="${error.suggestionHref(s.id, s.kind)}">${s.name}</a>` : s.name} <code>${s.id}</code></li>`)}
          </ul>`
      }
      <p><a href="/">${t('backToMatrix')}</a></p>
    </section>`,
  };
}
