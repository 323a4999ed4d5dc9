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
 * horizontal page scroll and no matrix cut by a box; then the home page → answer path and keyboard use of the filters and the identify form.
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
  { name: 'keys', path: '/keys' },
  { name: 'search', path: '/search?q=%E6%98%87%E8%85%BE' },
  { name: 'not-found', path: '/models/glm-4-9b-chta', status: 404 },
  { name: 'identify', path: '/identify', lspci: true },
];

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1400, height: 900 } },
  { name: 'mobile', viewport: { width: 390, height: 844 } },
] as const;
const LANGS = ['en', 'zh'] as const;

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

type AxeViolation = { id: string; impact: string; nodes: Array<{ target?: string[] }> };

/**
 * Serious and critical axe-core violations on the page, as readable lines. The first run leaves out
 * CSS selectors (a quarter of axe's time on large pages); only a failing page is run again to name them.
 */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const run = (selectors: boolean) =>
    page.evaluate(async (selectors) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } })
        .axe;
      const result = await axe.run(document, { resultTypes: ['violations'], selectors, ancestry: false, xpath: false });
      return result.violations.map((v) => ({
        id: v.id as string,
        impact: v.impact as string,
        nodes: v.nodes.slice(0, 3).map((n: { target?: string[] }) => ({ target: n.target })),
      }));
    }, selectors);
  const serious = (list: AxeViolation[]) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious(await run(false)).length === 0) return [];
  return serious(await run(true)).map(
    (v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => (n.target ?? []).join(' ')).join(', ')}`,
  );
}

/** Whether any table of the matrix reaches past the window or sits in a box that clips or scrolls it. */
async function matrixCut(page: Page): Promise<string[]> {
  return page.locator('table.matrix').evaluateAll((tables) =>
    tables.flatMap((table, i) => {
      const problems: string[] = [];
      if (table.getBoundingClientRect().right > window.innerWidth)
        problems.push(`table ${i + 1} is wider than the window`);
      for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
          problems.push(`table ${i + 1} sits in a box with overflow ${style.overflowX}/${style.overflowY}`);
      }
      return problems;
    }),
  );
}

// One context per viewport; the language comes from ?lang= on every address. axe-core is the slow part.
for (const view of VIEWPORTS) {
  describe(`every page at ${view.name} size (${view.viewport.width}×${view.viewport.height})`, () => {
    let context: BrowserContext;
    before(async () => {
      // CSP is bypassed only so the axe-core source can be injected; pages never run inline scripts themselves.
      context = await browser.newContext({ viewport: view.viewport, bypassCSP: true });
    });
    after(() => context?.close());

    for (const lang of LANGS) {
      it(`${lang}: renders, passes axe-core, never scrolls sideways, the matrix is never cut`, async () => {
        const problems: string[] = [];
        const page = await openPage(context, external);
        try {
          for (const spec of PAGES) {
            const path = typeof spec.path === 'function' ? spec.path() : spec.path;
            const response = await page.goto(app.url + withLang(path, lang));
            assert.equal(response?.status(), spec.status ?? 200, path);
            if (spec.lspci) {
              await page.fill('#lspci', LSPCI);
              await Promise.all([page.waitForURL(/\/identify$/), page.click('#identify-button')]);
              await page.locator('#identify-result').waitFor();
            }
            assert.equal(await page.locator('html').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (overflow > 0) problems.push(`${spec.name}: scrolls sideways by ${overflow}px`);
            for (const line of await matrixCut(page)) problems.push(`${spec.name}: ${line}`);
            for (const line of await axeProblems(page)) problems.push(`${spec.name}: ${line}`);
            await screenshot(page, `${spec.name}-${view.name}-${lang}`);
          }
        } finally {
          await page.close();
        }
        assert.deepEqual(problems, []);
      });
    }
  });
}

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

  it('answer page: the stack the user types leads, step by step, to the certified stack (en and zh)', async () => {
    const from = 'CANN@8.0.RC1,torch_npu@2.1.0';
    const api = await app.get(
      `/v1/upgrade-path?model=glm-4-9b-chat&chip=huawei-ascend-910b&from=${encodeURIComponent(from)}`,
    );
    assert.equal(api.body.target.claim.id, ids.active);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await openPage(context, external);
      await page.goto(app.url + '/models/glm-4-9b-chat/chips/huawei-ascend-910b?lang=zh');
      await page.locator('#pair-stack').focus();
      await page.keyboard.insertText(from);
      await Promise.all([page.waitForURL(/stack=/), page.keyboard.press('Enter')]);
      assert.match(await page.locator('#upgrade-title').innerText(), /从您的软件栈出发的升级路径/);
      assert.match(await page.locator('#upgrade-verdict').innerText(), new RegExp(`认证 ${ids.active}`));
      const steps = await page
        .locator('#upgrade-steps tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-software')));
      assert.deepEqual(
        steps,
        api.body.steps.map((s: { software: string | null; name: string }) => s.software ?? s.name),
      );
      assert.match(
        await page.locator('#upgrade-steps tr[data-software="cann"]').innerText(),
        /升级\s*8\.0\.RC1 → 8\.0\.0/,
      );
      await page.click('.lang-switch a[hreflang="en"]');
      assert.match(
        await page.locator('#upgrade-steps tr[data-software="cann"]').innerText(),
        /Upgrade\s*8\.0\.RC1 → 8\.0\.0/,
      );
      assert.match(await page.locator('#upgrade-result').innerText(), /CANN@8\.0\.0/);
      await screenshot(page, 'answer-upgrade-path-mobile-en');
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
