import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateSigningKey } from '../../src/signing/signing-key-file.js';
import { certificateBody } from '../../src/services/certificate-service.js';
import { checkCertificateLogged } from '../../src/tlog/certificate-log-proof.js';
import { parseCheckpoint } from '../../src/tlog/checkpoint.js';
import { cosign } from '../../src/tlog/cosignature.js';
import { leafHash, treeHash } from '../../src/tlog/merkle.js';
import { verifyInclusion } from '../../src/tlog/proofs.js';
import {
  formatVerifierKey,
  noteSignedBy,
  parseNote,
  parseVerifierKey,
  rawEd25519PublicKey,
  SIG_COSIGNATURE_V1,
} from '../../src/tlog/signed-note.js';
import { parseEntryBundle, hashFromTiles, tileWidthAt } from '../../src/tlog/tiles.js';
import { tilePath } from '../../src/tlog/tile-path.js';
import { checkRevocationList } from '../../src/signing/revocation-list-check.js';
import { keysFor } from '../helpers/keys.js';
import { assertProblem, assertSchema, startTestApp, type TestApp } from '../helpers/test-app.js';

const example = () => JSON.parse(readFileSync(new URL('../fixtures/submission-example.json', import.meta.url), 'utf8'));
const witness = generateSigningKey();
const witnessName = 'witness.example.org/w1';
const witnessKey = formatVerifierKey(witnessName, SIG_COSIGNATURE_V1, rawEd25519PublicKey(witness.privateKey));
let app: TestApp;
let keys: ReturnType<typeof keysFor>;
let certId: string;

const bytes = async (path: string) => {
  const res = await fetch(app.url + path);
  return { status: res.status, headers: res.headers, data: Buffer.from(await res.arrayBuffer()) };
};
const checkpoint = async () => {
  const res = await app.get('/tlog/checkpoint');
  const note = parseNote(res.text)!;
  return { res, note, cp: parseCheckpoint(note.text)! };
};
const logVerifier = async () => parseVerifierKey((await app.get('/v1/keys')).body.items[0].noteVerifierKey)!;

before(async () => {
  app = await startTestApp({ logOrigin: 'registry.example.org/tlog', witnessKeys: [witnessKey] });
  keys = keysFor(app.deps);
  const sub = await app.request('POST', '/v1/submissions', { body: example(), headers: keys.vendor('sophgo') });
  certId = (
    await app.request('POST', `/v1/submissions/${sub.body.id}/decision`, {
      body: { decision: 'approve' },
      headers: keys.reviewer(),
    })
  ).body.certification;
});
after(() => app.close());

describe('the transparency log (c2sp.org/tlog-tiles under /tlog)', () => {
  it('GET /v1/keys publishes the note verifier key and the witnesses', async () => {
    const res = await app.get('/v1/keys');
    assertSchema(res.body, 'responses/public-keys.v1.schema.json');
    assert.match(res.body.items[0].noteVerifierKey, /^registry\.example\.org\/tlog\+[0-9a-f]{8}\+/);
    assert.deepEqual(res.body.log, {
      origin: 'registry.example.org/tlog',
      checkpoint: '/tlog/checkpoint',
      witnessKeys: [witnessKey],
    });
  });

  it('GET /tlog/checkpoint is a signed checkpoint of every audit event, barely cacheable', async () => {
    const { res, note, cp } = await checkpoint();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(res.headers.get('cache-control')!, /max-age=2$/);
    assert.equal(cp.origin, 'registry.example.org/tlog');
    assert.equal(cp.size, app.deps.audit.list(0, 1_000_000).length);
    assert.ok(noteSignedBy(note, await logVerifier()));
    assert.ok(!noteSignedBy(parseNote(res.text.replace(`\n${cp.size}\n`, `\n${cp.size + 1}\n`))!, await logVerifier()));
  });

  it('tiles and entry bundles rebuild the tree of the checkpoint; full tiles are immutable', async () => {
    // Enough events for a full level-0 tile.
    const admin = keys.admin();
    for (let i = 0; i < 260; i++)
      await app.request('POST', '/v1/admin/keys', { body: { role: 'reviewer' }, headers: admin });
    const { cp } = await checkpoint();
    assert.ok(cp.size > 256);
    const tiles = new Map<string, Buffer>();
    const tile = (l: number, n: number) => tiles.get(`${l}/${n}`)!;
    for (const [l, n] of [
      [0, 0],
      [0, 1],
      [1, 0],
    ] as const) {
      const width = tileWidthAt(l, n, cp.size);
      const res = await bytes(`/tlog/${tilePath({ level: l, index: n, width })}`);
      assert.equal(res.status, 200, `${l}/${n}`);
      assert.equal(res.headers.get('content-type'), 'application/octet-stream');
      assert.equal(res.data.length, width * 32);
      if (width === 256) assert.match(res.headers.get('cache-control')!, /immutable/);
      tiles.set(`${l}/${n}`, res.data);
    }
    assert.ok(treeHash(cp.size, (level, index) => hashFromTiles(level, index, tile)).equals(cp.root));

    const full = await bytes('/tlog/tile/entries/000');
    const entries = parseEntryBundle(full.data)!;
    assert.equal(entries.length, 256);
    entries.forEach((e, i) => assert.ok(leafHash(e).equals(tile(0, 0).subarray(i * 32, i * 32 + 32)), `entry ${i}`));
    assert.equal(JSON.parse(entries[0]!.toString()).seq, 1);
    const partial = await bytes(`/tlog/tile/entries/001.p/${cp.size - 256}`);
    assert.equal(parseEntryBundle(partial.data)!.length, cp.size - 256);
    assert.match(partial.headers.get('cache-control')!, /max-age=60/);
  });

  it('a tile outside the tree or a path not in the spec encoding is a 404 problem', async () => {
    for (const path of [
      '/tlog/tile/0/999',
      '/tlog/tile/0/1',
      '/tlog/tile/0/000.p/256',
      '/tlog/tile/64/000',
      '/tlog/tile/entries/x000/001',
      '/tlog/tile/0/001.p/255',
    ])
      assertProblem(await app.get(path), 404);
  });

  it('a certificate carries its log index, the checkpoint at issuance and an inclusion proof that verify offline', async () => {
    const signed = (await app.get(`/v1/certifications/${certId}/certificate`)).body;
    assertSchema(signed, 'responses/signed-certificate.v1.schema.json');
    const check = checkCertificateLogged(signed.certificate, signed.log, [await logVerifier()]);
    assert.ok(check.logged, check.reason);
    assert.equal(check.treeSize, signed.log.index + 1);
    const forged = { ...signed.certificate, level: 'L4' };
    assert.match(
      checkCertificateLogged(forged, signed.log, [await logVerifier()]).reason,
      /different certificate body/,
    );
    assert.equal(JSON.parse(signed.log.leaf).payloadHash, app.deps.audit.list(signed.log.index, 1)[0]!.payloadHash);
    assert.deepEqual(certificateBody(app.deps.certifications.get(certId)), signed.certificate);
  });

  it('GET /v1/certifications/{id}/proof proves issuance and revocation against the current checkpoint', async () => {
    await app.request('POST', `/v1/certifications/${certId}/revoke`, {
      body: { reason: 'logs did not match' },
      headers: keys.reviewer(),
    });
    const res = await app.get(`/v1/certifications/${certId}/proof`);
    assertSchema(res.body, 'responses/certification-proof.v1.schema.json');
    assert.equal(res.body.status, 'revoked');
    const cp = parseCheckpoint(parseNote(res.body.checkpoint)!.text)!;
    for (const p of [res.body.issuance, res.body.revocation]) {
      assert.equal(p.treeSize, cp.size);
      const proof = p.inclusionProof.map((h: string) => Buffer.from(h, 'base64'));
      assert.ok(verifyInclusion(leafHash(Buffer.from(p.leaf)), p.index, cp.size, proof, cp.root));
    }
    assert.equal(JSON.parse(res.body.revocation.leaf).action, 'certification.revoke');
    assert.equal(res.body.supersession, null);
    assertProblem(await app.get('/v1/certifications/CERT-1999-000001/proof'), 404);
  });

  it('a witness cosignature over a checkpoint is kept and served with it; others are refused', async () => {
    const { cp, note } = await checkpoint();
    const line = cosign(note.text, witnessName, witness.privateKey, 1_700_000_000);
    const res = await app.request('POST', '/tlog/cosignature', {
      raw: `${note.text}\n${line}`,
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { added: 1 });
    const served = (await app.get('/tlog/checkpoint')).text;
    assert.ok(served.endsWith(line), served);
    assert.equal(parseCheckpoint(parseNote(served)!.text)!.size, cp.size);

    const stranger = generateSigningKey();
    const forged = cosign(note.text, witnessName, stranger.privateKey, 1_700_000_000);
    assertProblem(
      await app.request('POST', '/tlog/cosignature', {
        raw: `${note.text}\n${forged}`,
        headers: { 'content-type': 'text/plain' },
      }),
      400,
    );
    const otherTree = note.text.replace(/\n\d+\n/, `\n${cp.size + 5}\n`);
    assertProblem(
      await app.request('POST', '/tlog/cosignature', {
        raw: `${otherTree}\n${cosign(otherTree, witnessName, witness.privateKey, 1)}`,
        headers: { 'content-type': 'text/plain' },
      }),
      400,
    );
    assertProblem(await app.request('POST', '/tlog/cosignature', { body: { note: 'x' } }), 415);
    assertProblem(
      await app.request('POST', '/tlog/cosignature', { raw: 'garbage', headers: { 'content-type': 'text/plain' } }),
      400,
    );
  });

  it('GET /v1/revocations is a signed list cut at a checkpoint, with revoked and superseded certifications', async () => {
    const res = await app.get('/v1/revocations');
    assertSchema(res.body, 'responses/revocation-list.v1.schema.json');
    const checked = checkRevocationList(res.body, (await app.get('/v1/keys')).body.items);
    assert.ok(checked.ok);
    assert.ok(checked.list.items.some((i) => i.id === certId && i.status === 'revoked'));
    const tampered = structuredClone(res.body);
    tampered.revocations.items = [];
    assert.equal(checkRevocationList(tampered, (await app.get('/v1/keys')).body.items).ok, false);
  });
});
