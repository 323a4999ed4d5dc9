import { Router } from 'express';
import type { StackService } from '../../services/stack-service.js';
import type { StackCombination } from '../../domain/stack-compatibility.js';
import type { CsvColumn } from '../../format/csv.js';
import { parseQuery } from '../query.js';
import { queries } from '../request-shapes.js';
import { sendList } from '../respond.js';

const columns: CsvColumn<StackCombination>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'vendor', value: (c) => c.vendor },
  { header: 'chips', value: (c) => c.chips },
  { header: 'status', value: (c) => c.status },
  { header: 'components', value: (c) => c.components.map((p) => `${p.software}@${p.version}`) },
  { header: 'statement', value: (c) => c.statement },
  { header: 'source', value: (c) => c.source.url },
];

/** The stack compatibility catalog: combinations for a chip, a stack check, and the upgrade path to a claimed stack. */
export function stacksRouter(deps: { stacks: StackService }): Router {
  const r = Router();
  r.get('/v1/stacks', (req, res) => {
    sendList(req, res, deps.stacks.list(parseQuery(req.query, queries.stacks)), columns, 'stacks');
  });
  r.get('/v1/stacks/check', (req, res) => {
    res.json(deps.stacks.check(parseQuery(req.query, queries.stackCheck)));
  });
  r.get('/v1/upgrade-path', (req, res) => {
    res.json(deps.stacks.upgradePath(parseQuery(req.query, queries.upgradePath)));
  });
  return r;
}
