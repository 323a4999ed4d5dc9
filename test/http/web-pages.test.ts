import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCertificationWriter } from '../../src/db/certification-writer.js';
import { keyFingerprint } from '../../src/web/render/keys-page.js';
import { addCertification } from '../helpers/builders.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

let app: TestApp;
let active: string;
let revoked: string;

before(async () => {
  app = await startTestApp();
  active = addCertification(app.deps, {
    level: 3,
    model: 'glm-4-9b-chat',
    chip: 'huawei-ascend-910b',
    precision: 'int8',
    evidence: {
      modelRevision: 'a5ba5501eb873d40d48bd0983bd2a8dd006bb838',
      os: null,
      checks: [
        {
          id: 'l3.performance.ttft',
          level: 'L3',
          status: 'pass',
          actual: 1400,
          threshold: 2000,
          message: 'p99 TTFT 1400 ms is within the 2000 ms limit',
        },
        {
          id: 'l4.soak.hours',
          level: 'L4',
          status: 'fail',
          actual: null,
          threshold: 24,
          message: 'soak duration is missing',
        },
      ],
    },
  });
  revoked = addCertification(app.deps, { level: 2, model: 'chatglm3-6b', chip: 'huawei-ascend-910b' });
  createCertificationWriter(app.deps.db).revoke(revoked, 'accuracy did not hold', app.deps.now().toISOString());
});
after(() => app.close());

const html = (path: string) => app.get(path, { accept: 'text/html' });

describe('GET /v1/matrix?precision=', () => {
  it('keeps only cells with a claim at that precision, and names the parameter when it is wrong', async () => {
    const all = await app.get('/v1/matrix');
    const int8 = await app.get('/v1/matrix?precision=int8');
    assertSchema(int8.body, 'responses/matrix.v1.schema.json');
    assert.ok(int8.body.cells.length > 0 && int8.body.cells.length < all.body.cells.length);
    const cell = int8.body.cells.find(
      (c: { model: string; chip: string }) => c.model === 'glm-4-9b-chat' && c.chip === 'huawei-ascend-910b',
    );
    assert.deepEqual(cell.certifications, [active]);
    for (const c of int8.body.cells) {
      const precisions = c.certifications.flatMap((id: string) => {
        const cert = app.deps.certifications.get(id);
        return cert.precision ? [cert.precision] : cert.precisions;
      });
      assert.ok(precisions.includes('int8'), JSON.stringify(c));
    }
    const bad = await app.get('/v1/matrix?precision=int3');
    assertProblem(bad, 400);
    assert.equal(bad.body.errors[0].pointer, '/query/precision');
  });
});

describe('the model × chip answer page', () => {
  it('says the verdict in one sentence, with the level, precision, figures, stack and what L4 needs', async () => {
    const res = await html('/models/glm-4-9b-chat/chips/huawei-ascend-910b?precision=int8');
    assert.equal(res.status, 200);
    assert.match(res.text, /GLM-4-9B-Chat is certified on Ascend 910B at L3 Performance \(at int8\)\./);
    assert.match(res.text, /1400 ms/);
    assert.match(res.text, /CANN 8\.0\.0, torch_npu 2\.1\.0/);
    assert.match(res.text, /soak duration is missing/);
    assert.match(res.text, /vendor inference recipe/, 'the sourced declarations are listed with the certificate');
  });

  it('answers in Chinese, check messages included', async () => {
    const res = await html('/models/glm-4-9b-chat/chips/huawei-ascend-910b?precision=int8&lang=zh');
    assert.match(res.text, /GLM-4-9B-Chat 已在 昇腾910B 上获得 L3 性能/);
    assert.match(res.text, /浸泡测试时长：缺少证据/);
  });

  it('goes from aliases and the home page form to the canonical address', async () => {
    const alias = await fetch(app.url + '/models/GLM4-9B-Chat/chips/910B?precision=int8', { redirect: 'manual' });
    assert.equal(alias.status, 301);
    assert.equal(alias.headers.get('location'), '/models/glm-4-9b-chat/chips/huawei-ascend-910b?precision=int8');
    const form = await fetch(app.url + '/answer?model=glm-4-9b-chat&chip=910B&precision=int8', { redirect: 'manual' });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get('location'), '/models/glm-4-9b-chat/chips/huawei-ascend-910b?precision=int8');
  });

  it('leads the stack the user types to a certified stack: the steps of GET /v1/upgrade-path, in English and Chinese', async () => {
    const from = encodeURIComponent('CANN@8.0.RC1,torch_npu@2.1.0');
    const api = await app.get(`/v1/upgrade-path?model=glm-4-9b-chat&chip=huawei-ascend-910b&from=${from}`);
    assertSchema(api.body, 'responses/upgrade-path.v1.schema.json');
    assert.equal(api.body.target.claim.id, active);
    const section = (text: string) => /<section class="panel" id="upgrade-path"[\s\S]*?<\/section>/.exec(text)![0];
    const page = section((await html(`/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${from}`)).text);
    assert.match(page, new RegExp(`1 change\\(s\\) reach the stack of certification ${active} \\(L3 Performance\\)`));
    const steps = [
      ...page.matchAll(/<tr data-software="([^"]+)">[\s\S]*?<code>([^<]+)<\/code> → <code>([^<]+)<\/code>/g),
    ];
    assert.deepEqual(
      steps.map((m) => [m[1], m[2], m[3]]),
      api.body.steps.map((s: { software: string; from: string; to: string }) => [s.software, s.from, s.to]),
    );
    assert.deepEqual(
      steps.map((m) => m[1]),
      ['cann'],
    );
    assert.match(page, /Upgrade\s*<code>8\.0\.RC1<\/code> → <code>8\.0\.0<\/code>/);
    assert.match(page, /Resulting stack:\s*<code>CANN@8\.0\.0,torch_npu@2\.1\.0<\/code>/);
    const zh = section((await html(`/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${from}&lang=zh`)).text);
    assert.match(zh, /从您的软件栈出发的升级路径/);
    assert.match(zh, new RegExp(`共 1 处改动，即可达到认证 ${active}（L3 性能）的软件栈`));
    assert.match(zh, /升级\s*<code>8\.0\.RC1<\/code> → <code>8\.0\.0<\/code>/);
    // The stack already certified needs no change.
    const same = section(
      (
        await html(
          `/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${encodeURIComponent('CANN@8.0.0,torch_npu@2.1.0')}`,
        )
      ).text,
    );
    assert.match(same, new RegExp(`Your stack already matches certification ${active}`));
    assert.doesNotMatch(same, /id="upgrade-steps"/);
  });

  it('passes on what the upgrade path warns about a version the catalog does not know', async () => {
    const from = encodeURIComponent('CANN@8.0.RC9');
    const api = await app.get(`/v1/upgrade-path?model=glm-4-9b-chat&chip=huawei-ascend-910b&from=${from}`);
    assert.ok(api.body.warnings.length > 0);
    const page = await html(`/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${from}`);
    const warnings = /<ul class="plain-list muted" id="upgrade-warnings">([\s\S]*?)<\/ul>/.exec(page.text);
    assert.ok(warnings, 'the warnings are listed');
    assert.match(warnings[1]!, /CANN 8\.0\.RC9: not a version the catalog knows/);
  });

  it('says when no claim for the pair records a stack to lead to', async () => {
    const page = await html(`/models/chatglm3-6b/chips/huawei-ascend-910b?stack=${encodeURIComponent('CANN@8.0.RC1')}`);
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /No certification or declaration for ChatGLM3-6B on Ascend 910B records a stack to lead to/,
    );
  });

  it('says what an unreadable stack is instead of failing the page, with the names it may mean', async () => {
    const res = await html(`/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${encodeURIComponent('CANN@@')}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /That stack could not be read/);
    const typo = await html(
      `/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${encodeURIComponent('torch_npo@2.1.0')}`,
    );
    assert.equal(typo.status, 200);
    assert.match(typo.text, /Did you mean:[\s\S]*<code>torch_npu<\/code>/);
  });
});

describe('pages that were JSON or missing', () => {
  it('has model, vendor and revocation pages', async () => {
    const model = await html('/models/glm-4-9b-chat');
    assert.equal(model.status, 200);
    assert.match(model.text, /href="\/models\/glm-4-9b-chat\/chips\/huawei-ascend-910b"/);
    const vendor = await html('/vendors/huawei');
    assert.equal(vendor.status, 200);
    assert.match(vendor.text, /Ascend 910B/);
    const revocations = await html('/revocations');
    assert.match(revocations.text, new RegExp(`${revoked}[\\s\\S]*accuracy did not hold`));
    assert.match((await html('/')).text, /href="\/revocations"/);
  });

  it('answers an unknown page address with an HTML 404 and suggestions; API paths keep their JSON 404', async () => {
    const page = await html('/models/glm-4-9b-chta');
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.text, /href="\/models\/glm-4-9b-chat"/);
    const nowhere = await html('/glm-4-9b-chat');
    assert.equal(nowhere.status, 404);
    assert.match(nowhere.text, /There is no page at \/glm-4-9b-chat/);
    assert.match(nowhere.text, /href="\/models\/glm-4-9b-chat"/);
    assert.match((await html('/nowhere?lang=zh')).text, /没有 \/nowhere 这个页面/);
    assertProblem(await app.get('/v1/nowhere'), 404);
  });

  it('shows no time left on a revoked certification, and badge markdown with absolute URLs', async () => {
    const page = await html(`/certifications/${revoked}`);
    assert.doesNotMatch(page.text, /days left/);
    assert.match(page.text, /Revoked on \d{4}-\d{2}-\d{2}: accuracy did not hold/);
    const badge = /id="badge-markdown"\s*>([^<]*)</.exec(page.text)![1]!.trim();
    assert.equal(
      badge,
      `[![chipreg](${app.url}/v1/certifications/${revoked}/badge.svg)](${app.url}/certifications/${revoked})`,
    );
  });
});

describe('the results table', () => {
  it('is filtered by its URL, and its CSV twin holds exactly the rows of the view in order', async () => {
    const view = '/results?chip=910B&precision=int8&status=all&sort=ttft';
    const page = await html(view);
    assert.equal(page.status, 200);
    const rows = [...page.text.matchAll(/<tr data-certification="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(rows.length >= 1 && rows[0] === active, rows.join(', '));
    assert.match(
      page.text,
      /href="\/results\?chip=huawei-ascend-910b&amp;precision=int8&amp;status=all&amp;sort=ttft&amp;format=csv"/,
    );
    const csv = await app.get(`${view}&format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    assert.match(lines[0]!, /^id,model,chip,vendor,precision,scenario,devices,concurrency,level,/);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      rows,
    );
    assert.match(lines[1]!, /,1400,/);
  });

  it('refuses a filter it does not know, on a page', async () => {
    const res = await html('/results?sort=speed');
    assert.equal(res.status, 400);
    assert.match(res.text, /sort/);
  });
});

describe('the signing keys page', () => {
  it('lists every key with its algorithm, state, withdrawal and fingerprint, in English and Chinese', async () => {
    const keys = app.deps.certificates.publicKeys();
    const page = await html('/keys');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    for (const key of keys) {
      const row = new RegExp(`<tr data-key="${key.id}" data-state="(signing|retired|withdrawn)">[\\s\\S]*?</tr>`).exec(
        page.text,
      );
      assert.ok(row, key.id);
      assert.match(row[0], /Ed25519/);
      assert.match(row[0], new RegExp(keyFingerprint(key.publicKey).replace(/[+/]/g, '\\$&')));
      assert.match(row[0], key.withdrawnAt ? /withdrawn/ : /data-label="Withdrawn">\s*no\s*</);
    }
    assert.match(keyFingerprint(keys[0]!.publicKey), /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.match(page.text, /<a href="\/v1\/keys">These keys as JSON \(API: \/v1\/keys\)<\/a>/);
    assert.match((await html('/keys?lang=zh')).text, /公钥指纹[\s\S]*正在使用/);
  });
});

/** Every `<a href>` on a page: its address (same-site paths only) and its visible text. */
function links(page: string): Array<{ href: string; text: string }> {
  return [...page.matchAll(/<a\b[^>]*?\shref="(\/[^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
    href: m[1]!.replace(/&amp;/g, '&'),
    text: m[2]!
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

/** Addresses that answer something other than a page: the API, schemas, the log, downloads. */
const notAPage = (href: string) => /^\/(?:v1\/|openapi\.json|schemas\/|tlog\/)|[?&]format=csv(?:&|$)/.test(href);

describe('every link on every page', () => {
  it('lands on an HTML page, or says in its text that it leads to the API (JSON, CSV, OpenAPI)', async () => {
    const start = [
      '/',
      '/?precision=int8',
      '/models/glm-4-9b-chat/chips/huawei-ascend-910b?precision=int8',
      `/models/glm-4-9b-chat/chips/huawei-ascend-910b?stack=${encodeURIComponent('CANN@8.0.RC1,torch_npu@2.1.0')}`,
      '/models/glm-4-9b-chat',
      '/chips/huawei-ascend-910b',
      '/vendors/huawei',
      `/certifications/${active}`,
      `/certifications/${revoked}`,
      '/results?status=all',
      '/revocations',
      '/keys',
      '/identify',
      '/search?q=910B',
      '/models/glm-4-9b-chta',
    ];
    const seen = new Map<string, string>();
    const unlabelled: string[] = [];
    for (const lang of ['en', 'zh']) {
      for (const path of start) {
        const page = await html(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        for (const link of links(page.text)) {
          if (notAPage(link.href)) {
            if (!/JSON|CSV|API|SVG/.test(link.text)) unlabelled.push(`${path}: "${link.text}" → ${link.href}`);
          } else if (!seen.has(link.href) && !(page.status === 404 && link.href.split('?')[0] === path)) {
            // (A missing page's own language switch is the same 404 in the other language.)
            seen.set(link.href, path);
          }
        }
      }
    }
    assert.deepEqual(unlabelled, []);
    assert.ok(seen.size > 100, `only ${seen.size} links`);
    const notHtml: string[] = [];
    for (const [href, from] of seen) {
      const res = await app.get(href, { accept: 'text/html' });
      if (res.status !== 200 || !/^text\/html/.test(res.headers.get('content-type') ?? ''))
        notHtml.push(`${from} → ${href}: ${res.status} ${res.headers.get('content-type')}`);
    }
    assert.deepEqual(notHtml, []);
  });
});

describe('missing pages and methods', () => {
  it('answers another method on a missing page address with the API 404, not a 405', async () => {
    assertProblem(await app.request('POST', '/nowhere', { body: {} }), 404);
    const identify = await app.request('DELETE', '/identify');
    assert.equal(identify.status, 405);
  });
});
