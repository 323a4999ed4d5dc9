import { html, type SafeHtml } from '../html.js';
import type { PageContext } from '../page-context.js';

const NAV = [
  { path: '/', label: 'nav.matrix' },
  { path: '/results', label: 'nav.results' },
  { path: '/identify', label: 'nav.identify' },
  { path: '/docs', label: 'nav.api' },
] as const;

/** The page shell: header with navigation, search and the language switch; assets are local files only. */
export function layout(ctx: PageContext, page: { title: string; body: SafeHtml; searchText?: string }): SafeHtml {
  const { t, lang } = ctx;
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} · chipreg</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <header class="site-header">
          <a class="brand" href="/"
            ><span class="brand-mark" aria-hidden="true"></span><span class="brand-name">chipreg</span
            ><span class="brand-tagline">${t('tagline')}</span></a
          >
          <nav class="site-nav">
            ${NAV.map((item) => html`<a href="${item.path}" ${ctx.path === item.path ? html` aria-current="page"` : ''}>${t(item.label)}</a>`)}
          </nav>
          <form class="site-search" action="/search" method="get" role="search">
            <input
              type="search"
              name="q"
              value="${page.searchText ?? ''}"
              placeholder="${t('searchPlaceholder')}"
              aria-label="${t('search')}"
              maxlength="200"
            />
            <button type="submit">${t('search')}</button>
          </form>
          <div class="lang-switch" role="group" aria-label="${t('language')}">
            <a href="${ctx.switchHref('en')}" hreflang="en" lang="en" ${lang === 'en' ? html` aria-current="true"` : ''}
              >EN</a
            >
            <a
              href="${ctx.switchHref('zh')}"
              hreflang="zh"
              lang="zh-CN"
              ${lang === 'zh' ? html` aria-current="true"` : ''}
              >中文</a
            >
          </div>
        </header>
        <main class="page">${page.body}</main>
        <footer class="site-footer">
          <span>chipreg</span> · <a href="/docs">${t('nav.api')}</a> · <a href="/openapi.json">OpenAPI (JSON)</a> ·
          <a href="/revocations">${t('revocations')}</a> · <a href="/keys">${t('signingKeys')}</a>
        </footer>
      </body>
    </html> `;
}
