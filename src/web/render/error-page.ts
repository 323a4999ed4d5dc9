import { html, type SafeHtml } from '../html.js';
import type { PageContext } from '../page-context.js';

export interface PageError {
  status: number;
  detail: string;
  problems: Array<{ pointer: string; detail: string }>;
  suggestions: Array<{ id: string; name: string }>;
  /** Where a suggested id leads (a chip page, the pair list…), if anywhere. */
  suggestionHref?: (id: string) => string;
}

/** A friendly error page: what was wrong, each bad parameter, "did you mean", and a way back. Never a stack trace. */
export function errorPage(ctx: PageContext, error: PageError): { title: string; body: SafeHtml } {
  const { t } = ctx;
  const title =
    error.status === 404 ? t('notFoundTitle') : error.status >= 500 ? t('serverErrorTitle') : t('badRequestTitle');
  const detail = error.status >= 500 ? t('serverErrorBody') : error.detail;
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
                  <td>${p.detail}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      }
      ${
        error.suggestions.length > 0 &&
        html`<p>${t('didYouMean')}</p>
          <ul class="suggestions">
            ${error.suggestions.map((s) => html`<li>${error.suggestionHref ? html`<a href="${error.suggestionHref(s.id)}">${s.name}</a>` : s.name} <code>${s.id}</code></li>`)}
          </ul>`
      }
      <p><a href="/">${t('backToMatrix')}</a></p>
    </section>`,
  };
}
