import { Router } from 'express';
import type { CertificationService } from '../../services/certification-service.js';
import { parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';
import { sendJsonTextList, sendList, wantsCsv } from '../respond.js';
import { certificationColumns } from '../../format/certification-csv.js';

export function certificationsRouter(certifications: CertificationService): Router {
  const r = Router();
  r.get('/v1/certifications', (req, res) => {
    const query = parseQuery(req.query, queries.certifications);
    if (wantsCsv(req))
      sendList(req, res, certifications.list(query, query, query.facets), certificationColumns, 'certifications');
    else sendJsonTextList(req, res, certifications.listJson(query, query, query.facets));
  });
  r.get('/v1/certifications/:id', (req, res) => {
    parseQuery(req.query, queries.none);
    res.json(certifications.get(req.params.id));
  });
  return r;
}
