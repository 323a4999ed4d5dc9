import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createSigningKeyFile } from '../../src/signing/signing-key-file.js';
import { MAX_MODEL_COLUMNS } from '../../src/web/matrix-view.js';
import { addCertification } from '../helpers/builders.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { launchChromium, openPage, screenshot } from './browser-harness.js';

const LSPCI = [
  '00:00.0 Host bridge [0600]: Intel Corporation Device [8086:09a2] (rev 04)',
  ...Array.from(
    { length: 8 },
    () => '0000:01:00.0 Processing accelerators [1200]: Huawei Technologies Co., Ltd. Device [19e5:d802] (rev 20)',
  ),
  '0000:82:00.0 Processing accelerators [1200]: Mystery Silicon Device [1ee0:0042] (rev 01)',
].join('\n');

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let keyDir: string;
let exampleCertification: string;
const external: string[] = [];

before(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'chipreg-web-'));
  app = await startTestApp({ signingKey: createSigningKeyFile(join(keyDir, 'signing.key')) });
  // The DESIGN §6.1 example through the level engine, so the certification page shows real check results.
  const example = JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
  const report = app.deps.validation.validate(example);
  assert.ok(report.valid && report.level, JSON.stringify(report.errors));
  exampleCertification = addCertification(app.deps, {
    level: 3,
    model: 'chatglm3-6b',
    chip: 'sophgo-bm1684x',
    vendor: 'sophgo',
    precision: 'int4',
    form: 'local-private',
    stack: example.deployment.stack,
    evidence: {
      modelRevision: example.deployment.model.revision,
      os: example.deployment.os,
      checks: report.level.checks,
    },
  });
  addCertification(app.deps, { level: 4, model: 'glm-4-9b-chat', chip: 'huawei-ascend-910b' });
  addCertification(app.deps, { level: 2, model: 'chatglm3-6b', chip: 'huawei-ascend-910b', precision: 'w8a8' });
  addCertification(app.deps, {
    level: 1,
    model: 'qwen2.5',
    chip: 'sophgo-bm1688',
    vendor: 'sophgo',
    precision: 'int8',
    stack: [{ kind: 'driver', name: 'libsophon', version: '0.5.1', channel: 'ga' }],
  });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const chipRows = (page: Page) =>
  page.locator('#matrix tr.chip-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-chip')!));

describe('web UI in Chromium', () => {
  it('shows the matrix: real chips grouped by device class and vendor, level badges, a sticky header', async () => {
    const page = await openPage(context, external);
    const response = await page.goto(app.url + '/');
    assert.equal(response?.status(), 200);
    await assert.doesNotReject(page.locator('#matrix').waitFor());
    // A chip is a row in each table of model publishers it has a claim for.
    assert.match(
      await page.locator('tr[data-chip="huawei-ascend-910b"] .chip-head').first().innerText(),
      /Ascend 910B/,
    );
    assert.match(await page.locator('tr[data-chip="sophgo-bm1684x"] .chip-head').first().innerText(), /BM1684X/);
    for (const level of ['l0', 'l1', 'l2', 'l3', 'l4'])
      assert.ok((await page.locator(`#matrix .lvl-${level}`).count()) > 0, `no ${level} badge`);
    assert.equal(
      await page.locator('tr[data-chip="sophgo-bm1684x"] td[data-model="chatglm3-6b"] .lvl').innerText(),
      'L3',
    );
    assert.match((await page.locator('#matrix .lvl-l0').first().getAttribute('title')) ?? '', /declared, unverified/);
    // Device classes in order in each table, each chip under its own class; a bounded number of model columns.
    const tables = await page.locator('#matrix table.matrix').evaluateAll((list) =>
      list.map((table) => ({
        classes: [...table.querySelectorAll('tbody.class-group')].map((g) => g.getAttribute('data-device-class')),
        columns: table.querySelectorAll('thead th.model-head').length,
      })),
    );
    assert.ok(tables.length > 1, 'the catalog is split into tables by model publisher');
    for (const { classes, columns } of tables) {
      assert.deepEqual(classes, [...new Set(classes)]);
      assert.ok(columns > 0 && columns <= MAX_MODEL_COLUMNS, String(columns));
    }
    assert.equal(
      await page
        .locator('#matrix thead th')
        .first()
        .evaluate((th) => getComputedStyle(th).position),
      'sticky',
    );
    await screenshot(page, 'matrix');
    await page.close();
  });

  it('filters by device class with the plain GET form: only edge chips remain', async () => {
    const page = await openPage(context, external);
    await page.goto(app.url + '/');
    await Promise.all([page.waitForURL(/deviceClass=edge/), page.selectOption('#filter-deviceClass', 'edge')]);
    const chips = await chipRows(page);
    assert.ok(chips.includes('sophgo-bm1684x') && !chips.includes('huawei-ascend-910b'), chips.join(', '));
    for (const id of chips) assert.equal(app.deps.catalog.getChip(id).deviceClass, 'edge', id);
    assert.equal(await page.locator('#filter-deviceClass').inputValue(), 'edge');
    await screenshot(page, 'matrix-edge');
    // The other filters narrow further: int8 at L1 and up leaves the one L1 certification.
    await page.goto(app.url + '/?deviceClass=edge&minLevel=L1&precision=int8');
    assert.deepEqual(await chipRows(page), ['sophgo-bm1688']);
    await page.close();
  });

  it('finds the Ascend chips when searching 昇腾', async () => {
    const page = await openPage(context, external);
    await page.goto(app.url + '/');
    await page.fill('.site-search input[name=q]', '昇腾');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.press('.site-search input[name=q]', 'Enter')]);
    const chips = page.locator('.search-group[data-kind="chip"] li.hit');
    // Only 昇腾910B has a sourced Chinese name (data/README.md); the search must still find it.
    assert.ok((await chips.count()) >= 1);
    assert.match(await page.locator('li.hit[data-id="huawei-ascend-910b"]').innerText(), /Ascend 910B/);
    await screenshot(page, 'search');
    await Promise.all([
      page.waitForURL(/\/chips\/huawei-ascend-910b/),
      page.click('li.hit[data-id="huawei-ascend-910b"] > a'),
    ]);
    assert.match(await page.locator('#chip-name').innerText(), /Ascend 910B/);
    await screenshot(page, 'chip');
    await page.close();
  });

  it('switches to Chinese labels and names, remembers the choice, and switches back', async () => {
    const page = await openPage(context, external);
    await page.goto(app.url + '/');
    await Promise.all([page.waitForURL(/lang=zh/), page.click('.lang-switch a[hreflang="zh"]')]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('h1').innerText(), '兼容性矩阵');
    assert.match(await page.locator('form[data-autosubmit]').innerText(), /设备类型/);
    assert.match(await page.locator('form[data-autosubmit]').innerText(), /认证级别/);
    assert.match(await page.locator('tr[data-chip="huawei-ascend-910b"] .chip-head').first().innerText(), /昇腾910B/);
    assert.match(await page.locator('#matrix .class-row').first().innerText(), /数据中心/);
    await screenshot(page, 'matrix-zh');
    await page.goto(app.url + '/identify');
    assert.match(await page.locator('h1').innerText(), /识别硬件/);
    await page.click('.lang-switch a[hreflang="en"]');
    assert.match(await page.locator('h1').innerText(), /Identify hardware/);
    await page.close();
  });

  it('opens a certification from a matrix cell through the answer page: level, status, validity, checks, and a valid certificate', async () => {
    const page = await openPage(context, external);
    await page.goto(app.url + '/');
    await Promise.all([
      page.waitForURL(/\/models\/chatglm3-6b\/chips\/sophgo-bm1684x/),
      page.click('tr[data-chip="sophgo-bm1684x"] td[data-model="chatglm3-6b"] a.lvl'),
    ]);
    // The cell leads to the model × chip answer, which links the certification itself.
    await Promise.all([
      page.waitForURL(/\/certifications\//),
      page.click(`#stacks tr[data-certification="${exampleCertification}"] a.lvl`),
    ]);
    assert.equal(await page.locator('#cert-id').innerText(), exampleCertification);
    assert.match(await page.locator('#cert-level').innerText(), /L3\s+Performance/);
    assert.match(await page.locator('#cert-status').innerText(), /active/);
    assert.match(await page.locator('#validity').innerText(), /Valid until: \d{4}-\d{2}-\d{2} \(\d+ days left\)/);
    assert.ok((await page.locator('#checks tbody tr').count()) > 5);
    assert.ok((await page.locator('#checks .check-pass').count()) > 0);
    assert.match(await page.locator('#deployment').innerText(), /int4/);
    await page.click('#verify-button');
    await page.locator('#verify-result.verify-valid').waitFor();
    assert.match(await page.locator('#verify-result').innerText(), /Certificate valid/);
    await screenshot(page, 'certification');
    await page.close();
  });

  it('identifies pasted lspci output: Ascend 910B × 8 and the unknown device', async () => {
    const page = await openPage(context, external);
    await page.goto(app.url + '/identify');
    await page.fill('#lspci', LSPCI);
    await Promise.all([page.waitForURL(/\/identify$/), page.click('#identify-button')]);
    await page.locator('#identify-result').waitFor();
    assert.match(await page.locator('.recognized[data-chip="huawei-ascend-910b"] h3').innerText(), /Ascend 910B × 8/);
    assert.match(await page.locator('#unknown-devices').innerText(), /1ee0:0042/);
    assert.equal(await page.locator('.recognized').count(), 1);
    assert.ok((await page.locator('.recognized .lvl-l4').count()) > 0, 'the 910B certifications are listed');
    await screenshot(page, 'identify');
    await page.close();
  });

  it('answers a bad filter with a friendly 400 page', async () => {
    const page = await openPage(context, external);
    const response = await page.goto(app.url + '/?minLevel=L9');
    assert.equal(response?.status(), 400);
    assert.match(await page.locator('.problems').innerText(), /minLevel/);
    assert.doesNotMatch(await page.content(), /at .*\.ts:\d+|SQLITE/);
    await screenshot(page, 'bad-request');
    await page.close();
  });

  it('filters without JavaScript: the plain GET form, empty choices meaning "any"', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    try {
      const page = await openPage(plain, external);
      await page.goto(app.url + '/');
      await page.selectOption('#filter-deviceClass', 'edge');
      await Promise.all([page.waitForURL(/deviceClass=edge/), page.click('form[data-autosubmit] button[type=submit]')]);
      assert.match(page.url(), /family=&/);
      const chips = await chipRows(page);
      assert.ok(
        chips.length > 0 && chips.every((id) => app.deps.catalog.getChip(id).deviceClass === 'edge'),
        chips.join(', '),
      );
    } finally {
      await plain.close();
    }
  });

  it('escapes what it echoes and renders no inline script or style', async () => {
    const attack = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';
    const res = await app.get(`/search?q=${encodeURIComponent(attack)}`);
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<script>alert') && !res.text.includes('<img src=x'), 'echoed markup is escaped');
    assert.ok(res.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;'));
    for (const path of [
      '/',
      '/identify',
      `/certifications/${exampleCertification}`,
      '/chips/sophgo-bm1684x?model=chatglm3-6b',
    ]) {
      const page = await app.get(path);
      assert.equal(page.status, 200, path);
      assert.doesNotMatch(page.text, /<script(?![^>]*\bsrc="\/assets\/)|\sstyle=|\son[a-z]+=/i, path);
    }
  });

  it('requests nothing outside this machine on any page', async () => {
    // Its own visit, so the spec holds when run alone; the pages visited by the other specs add to `external`.
    const requested: string[] = [];
    const page = await openPage(context, external);
    page.on('request', (request) => requested.push(request.url()));
    for (const path of ['/', '/identify', '/search?q=910B', `/certifications/${exampleCertification}`])
      await page.goto(app.url + path, { waitUntil: 'networkidle' });
    await page.close();
    assert.ok(
      requested.some((url) => url.includes('/assets/')),
      `the pages load their own assets: ${requested.join(' ')}`,
    );
    assert.deepEqual(external, []);
  });
});
