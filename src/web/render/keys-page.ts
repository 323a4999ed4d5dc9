import { createHash, createPublicKey } from 'node:crypto';
import { html, type SafeHtml } from '../html.js';
import type { PageContext } from '../page-context.js';
import { day } from './level-badge.js';

export interface SigningKeyRow {
  id: string;
  algorithm: string;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

/** SHA-256 of the key's DER SubjectPublicKeyInfo, the bytes the PEM wraps: comparable across tools. */
export function keyFingerprint(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

const stateOf = (key: SigningKeyRow) => (key.withdrawnAt ? 'withdrawn' : key.retiredAt ? 'retired' : 'signing');

/** The registry's signing keys as a page (its JSON twin is /v1/keys): who signed a certificate, and which keys to trust. */
export function keysPage(
  ctx: PageContext,
  keys: SigningKeyRow[],
  log: { origin: string },
): { title: string; body: SafeHtml } {
  const { t } = ctx;
  return {
    title: t('keysTitle'),
    body: html`<h1>${t('keysTitle')}</h1>
      <p class="intro">${t('keysIntro')}</p>
      ${
        keys.length === 0
          ? html`<p class="empty-note">${t('noKeys')}</p>`
          : html`<table class="certs cards" id="signing-keys">
              <caption class="visually-hidden">
                ${t('keysTitle')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('keyId')}</th>
                  <th scope="col">${t('algorithm')}</th>
                  <th scope="col">${t('keyState')}</th>
                  <th scope="col">${t('keyCreated')}</th>
                  <th scope="col">${t('keyWithdrawn')}</th>
                  <th scope="col">${t('keyFingerprint')}</th>
                </tr>
              </thead>
              <tbody>
                ${keys.map((key) => {
                  const state = stateOf(key);
                  return html`<tr data-key="${key.id}" data-state="${state}">
                    <th scope="row" data-label="${t('keyId')}"><code>${key.id}</code></th>
                    <td data-label="${t('algorithm')}">${key.algorithm}</td>
                    <td data-label="${t('keyState')}">
                      <span
                        class="status status-${state === 'signing' ? 'active' : state === 'retired' ? 'superseded' : 'revoked'}"
                        >${t(`keyState.${state}`)}</span
                      >${key.retiredAt && !key.withdrawnAt ? html` <span class="muted">${day(key.retiredAt)}</span>` : ''}
                    </td>
                    <td data-label="${t('keyCreated')}" class="nowrap">${day(key.createdAt)}</td>
                    <td data-label="${t('keyWithdrawn')}">
                      ${key.withdrawnAt ? html`${day(key.withdrawnAt)}: ${key.withdrawnReason ?? ''}` : t('notWithdrawn')}
                    </td>
                    <td data-label="${t('keyFingerprint')}" class="fingerprint">
                      <code>${keyFingerprint(key.publicKey)}</code>
                      <details>
                        <summary>${t('publicKeyPem')}</summary>
                        <pre>${key.publicKey}</pre>
                      </details>
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
      <p class="muted">${t('keysLog', { origin: log.origin })}</p>
      <ul class="plain-list">
        <li><a href="/v1/keys">${t('keysJson')}</a></li>
        <li><a href="/revocations">${t('revocationsTitle')}</a></li>
      </ul>`,
  };
}
