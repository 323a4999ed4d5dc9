import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCertificationWriter } from '../../src/db/certification-writer.js';
import { createSigningKeyFile } from '../../src/signing/signing-key-file.js';
import { addCertification } from '../helpers/builders.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { launchChromium, openPage, screenshot } from './browser-harness.js';

/**
 * Every page a person reaches, at desktop (1400×900) and phone (390×844) sizes, in English and
 * Chinese: screenshots to test-output/screenshots/, axe-core (no serious or critical violation), no
 * horizontal page scroll on the phone; then the home page → answer path and keyboard use of the filters and the identify form.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LSPCI = Array.from(
  { length: 8 },
  (_, i) =>
    `0000:0${i + 1}:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)`,
).join('\n');

let app: TestApp;
let browser: Browser;
let keyDir: string;
const ids: Record<string, string> = {};
const external: string[] = [];

/** The submission example through the level engine, moved to another deployment: real check results. */
function checksFor(app: TestApp, changes: { model: string; chip: string; precision: string; profile: string }) {
  const example = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
  example.deployment.model.id = changes.model;
  example.deployment.chip = changes.chip;
  example.deployment.precision = changes.precision;
  example.evidence.performance.profile = changes.profile;
  // 8-bit precisions need 80% greedy agreement with the reference for L1 (the example is int4, 70%).
  example.evidence.functional.referenceMatch32 = 0.86;
  const report = app.deps.validation.validate(example);
  assert.ok(report.valid && report.level, JSON.stringify(report.errors));
  return { level: report.level, example };
}

before(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'chipreg-pages-'));
  app = await startTestApp({ signingKey: createSigningKeyFile(join(keyDir, 'signing.key')) });
  const glm = checksFor(app, {
    model: 'glm-4-9b-chat',
    chip: 'huawei-ascend-910b',
    precision: 'int8',
    profile: 'chat-server',
  });
  ids.active = addCertification(app.deps, {
    level: Number(glm.level.achieved!.slice(1)),
    model: 'glm-4-9b-chat',
    chip: 'huawei-ascend-910b',
    precision: 'int8',
    devices: 1,
    stack: [
      { kind: 'driver', name: 'Ascend HDK', version: '24.1.0', channel: 'ga' },
      { kind: 'sdk', name: 'CANN', version: '8.0.0', channel: 'ga' },
      { kind: 'engine', name: 'MindIE', version: '1.0.0', channel: 'ga' },
    ],
    evidence: { modelRevision: glm.example.deployment.model.revision, os: 'openEuler 22.03', checks: glm.level.checks },
  });
  ids.revoked = addCertification(app.deps, {
    level: 2,
    model: 'chatglm3-6b',
    chip: 'huawei-ascend-910b',
    precision: 'bf16',
  });
  createCertificationWriter(app.deps.db).revoke(
    ids.revoked,
    'the reproduced accuracy did not hold',
    app.deps.now().toISOString(),
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'matrix', path: '/?deviceClass=datacenter&precision=int8' },
  { name: 'answer', path: '/models/glm-4-9b-chat/chips/huawei-ascend-910b?precision=int8' },
  { name: 'model', path: '/models/glm-4-9b-chat' },
  { name: 'chip', path: '/chips/huawei-ascend-910b' },
  { name: 'vendor', path: '/vendors/huawei' },
  { name: 'certification', path: () => `/certifications/${ids.active}` },
  { name: 'certification-revoked', path: () => `/certifications/${ids.revoked}` },
  { name: 'results', path: '/results?chip=huawei-ascend-910b&status=all' },
  { name: 'revocations', path: '/revocations' },
  { name: 'not-found', path: '/models/glm-4-9b-chta', status: 404 },
  { name: 'identify', path: '/identify', lspci: true },
];

const VIEWS = [
  { name: 'desktop', viewport: { width: 1400, height: 900 }, lang: 'en', axe: true },
  { name: 'desktop', viewport: { width: 1400, height: 900 }, lang: 'zh', axe: false },
  { name: 'mobile', viewport: { width: 390, height: 844 }, lang: 'en', axe: false },
  { name: 'mobile', viewport: { width: 390, height: 844 }, lang: 'zh', axe: true },
] as const;

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** Serious and critical axe-core violations on the page, as readable lines. */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact as string,
      nodes: v.nodes.slice(0, 3).map((n: { target: string[] }) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.join(', ')}`);
}

describe('every page, desktop and phone, English and Chinese', () => {
  for (const view of VIEWS) {
    // axe-core runs once per layout and language pair that differs (desktop English, phone Chinese): it is the slow part.
    it(`${view.name} ${view.lang}: renders${view.axe ? ', passes axe-core' : ''}${view.name === 'mobile' ? ', never scrolls sideways' : ''}`, async () => {
      // CSP is bypassed only so the axe-core source can be injected; pages never run inline scripts themselves.
      const context: BrowserContext = await browser.newContext({
        viewport: view.viewport,
        locale: view.lang === 'zh' ? 'zh-CN' : 'en-US',
        bypassCSP: true,
      });
      const problems: string[] = [];
      try {
        const page = await openPage(context, external);
        for (const spec of PAGES) {
          const path = typeof spec.path === 'function' ? spec.path() : spec.path;
          const response = await page.goto(app.url + withLang(path, view.lang));
          assert.equal(response?.status(), spec.status ?? 200, path);
          if (spec.lspci) {
            await page.fill('#lspci', LSPCI);
            await Promise.all([page.waitForURL(/\/identify$/), page.click('#identify-button')]);
            await page.locator('#identify-result').waitFor();
          }
          assert.equal(await page.locator('html').getAttribute('lang'), view.lang === 'zh' ? 'zh-CN' : 'en');
          // On a desktop the full matrix may be wider than the window as the catalog grows: by design the page
          // scrolls (never a box inside it, which would cut the table). Every other page, and every phone page, fits.
          const matrixPage = spec.name === 'home' || spec.name === 'matrix';
          if (view.name === 'mobile' || !matrixPage) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `${spec.name} (${view.name} ${view.lang}) scrolls sideways by ${overflow}px`);
          }
          if (view.axe) for (const line of await axeProblems(page)) problems.push(`${spec.name}: ${line}`);
          await screenshot(page, `${spec.name}-${view.name}-${view.lang}`);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('the answers people come for', () => {
  it('home → answer: GLM-4-9B-Chat on Ascend 910B at int8 in one step, with level, stack and latency', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    try {
      const page = await openPage(context, external);
      await page.goto(app.url + '/');
      await page.selectOption('#quick-model', 'glm-4-9b-chat');
      await page.selectOption('#quick-chip', 'huawei-ascend-910b');
      await page.selectOption('#quick-precision', 'int8');
      await Promise.all([
        page.waitForURL(/\/models\/glm-4-9b-chat\/chips\/huawei-ascend-910b\?precision=int8$/),
        page.click('#quick-answer button'),
      ]);
      assert.match(
        await page.locator('.answer-sentence').innerText(),
        /GLM-4-9B-Chat is certified on Ascend 910B at L\d .*int8/,
      );
      assert.match(await page.locator('#stacks').innerText(), /CANN 8\.0\.0/);
      assert.match(await page.locator('#performance').innerText(), /1400 ms/);
      assert.match(await page.locator('#memory-fit').innerText(), /^Yes/);
      // The same answer is one click from the matrix cell.
      await page.goto(app.url + '/?precision=int8');
      await Promise.all([
        page.waitForURL(/\/models\/glm-4-9b-chat\/chips\/huawei-ascend-910b/),
        page.click('tr[data-chip="huawei-ascend-910b"] td[data-model="glm-4-9b-chat"] a.lvl'),
      ]);
      // Every catalog chip is reachable: those without claims are listed under the matrix.
      await page.goto(app.url + '/');
      const unclaimed = page.locator('#unclaimed-chips li');
      assert.ok((await unclaimed.count()) > 0);
      await page.click('#unclaimed-chips summary');
      const chip = await unclaimed.first().getAttribute('data-chip');
      await Promise.all([page.waitForURL(new RegExp(`/chips/${chip}$`)), unclaimed.first().locator('a').click()]);
    } finally {
      await context.close();
    }
  });

  it('keyboard only: a matrix filter and the identify form', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    try {
      const page = await openPage(context, external);
      const tabTo = async (id: string) => {
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
        }
        assert.fail(`Tab never reached #${id}`);
      };
      await page.goto(app.url + '/');
      await tabTo('filter-precision');
      await Promise.all([page.waitForURL(/precision=/), page.keyboard.press('ArrowDown')]);
      await page.goto(app.url + '/identify');
      await tabTo('lspci');
      await page.keyboard.insertText(LSPCI);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'identify-button');
      await Promise.all([page.waitForURL(/\/identify$/), page.keyboard.press('Enter')]);
      assert.match(await page.locator('.recognized h3').first().innerText(), /Ascend 910B × 8/);
    } finally {
      await context.close();
    }
  });

  it('requested nothing outside this machine', () => {
    assert.deepEqual(external, []);
  });
});
