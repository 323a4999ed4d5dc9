import express, { Router } from 'express';
import { NotFoundError, UnsupportedMediaTypeError } from '../../errors.js';
import type { TransparencyLogService } from '../../services/transparency-log-service.js';
import type { CertificationService } from '../../services/certification-service.js';
import { parseTilePath, TILE_WIDTH } from '../../tlog/tile-path.js';
import { idParam, parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';

const NOTE_LIMIT_BYTES = 64 * 1024;

/**
 * The transparency log (c2sp.org/tlog-tiles under the prefix /tlog): the signed checkpoint, tiles,
 * entry bundles and the cosignatures of witnesses; plus the inclusion proofs of a certification.
 */
export function tlogRouter(deps: { tlog: TransparencyLogService; certifications: CertificationService }): Router {
  const r = Router();
  const { tlog } = deps;
  r.get('/tlog/checkpoint', (req, res) => {
    parseQuery(req.query, queries.none);
    // Mutable: the spec asks that it not be cached beyond a few seconds.
    res.set('Cache-Control', 'public, max-age=2').type('text/plain; charset=utf-8').send(tlog.checkpoint());
  });
  r.get('/tlog/tile/*path', (req, res) => {
    parseQuery(req.query, queries.none);
    const segments = (req.params as { path: string[] }).path;
    const address = parseTilePath(segments.join('/'));
    if (!address)
      throw new NotFoundError('No such tile: paths are tile/<L>/<N>[.p/<W>] in the c2sp.org/tlog-tiles encoding.');
    const data = tlog.tile(address.level, address.index, address.width);
    // A full tile never changes; a partial one never changes either, but may stop being served.
    res.set(
      'Cache-Control',
      address.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
    );
    res.type('application/octet-stream').send(data);
  });
  r.post('/tlog/cosignature', express.text({ limit: NOTE_LIMIT_BYTES, type: () => true }), (req, res) => {
    parseQuery(req.query, queries.none);
    if (!req.is('text/plain'))
      throw new UnsupportedMediaTypeError(
        `Send the cosigned checkpoint as text/plain (got ${req.get('content-type') ?? 'no content type'}).`,
      );
    res.json({ added: tlog.addCosignatures(String(req.body)) });
  });
  r.get('/v1/certifications/:id/proof', (req, res) => {
    parseQuery(req.query, queries.none);
    const certification = deps.certifications.get(idParam(req));
    const entity = `certification:${certification.id}`;
    // Every proof is against this one checkpoint, even if the log grows meanwhile.
    const size = tlog.sync();
    const checkpoint = tlog.checkpointAt(size);
    const proof = (action: string) => {
      const index = tlog.indexOf(entity, action);
      if (index === null || index >= size) return null;
      const { treeSize, rootHash, hashes } = tlog.inclusion(index, size);
      return { index, leaf: tlog.leaf(index).toString('utf8'), treeSize, rootHash, inclusionProof: hashes };
    };
    res.json({
      id: certification.id,
      status: certification.status,
      checkpoint,
      // Declarations are imported with the catalog, not issued one by one: they have no issuance event.
      issuance: proof('certification.issue'),
      revocation: proof('certification.revoke'),
      supersession: proof('certification.supersede'),
    });
  });
  return r;
}
