import { z } from 'zod';
import type { SchemaRegistry } from '../../schemas/schema-registry.js';
import { componentName, schemaComponents } from './schema-components.js';
import { routeSpecs, type RouteSpec } from './route-specs.js';

const ref = (file: string) => ({ $ref: `#/components/schemas/${componentName(file)}` });
const problem = { 'application/problem+json': { schema: ref('responses/problem.v1.schema.json') } };
const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid query, body or header (every problem with a JSON pointer)',
  401: 'No valid API key',
  403: 'The key lacks the role',
  404: 'Not found (unknown names come with suggestions)',
  409: 'Conflicts with the current state',
  413: 'Body over 1 MiB',
  415: 'Unsupported content type',
  422: 'Invalid document; nothing stored',
  429: 'Too many failed authentications',
  500: 'Internal error (logged; no detail leaks)',
  503: 'Not ready',
};

/** A zod field as a JSON Schema fragment for a parameter, and whether it is required. */
function parameterSchema(field: z.ZodType): { schema: object; required: boolean } {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { schema, required: !field.safeParse(undefined).success };
}

function operation(spec: RouteSpec) {
  const parameters: object[] = [];
  for (const name of spec.path.match(/\{(\w+)\}/g) ?? []) {
    parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string', minLength: 1 } });
  }
  for (const [name, field] of Object.entries(spec.query ?? {})) {
    const { schema, required } = parameterSchema(field as z.ZodType);
    parameters.push({ name, in: 'query', required, schema, description: spec.params?.[name] ?? name });
  }
  for (const [name, field] of Object.entries(spec.headers ?? {})) {
    const { schema, required } = parameterSchema(field as z.ZodType);
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required,
      schema,
      description: `(${name}) Repeat a POST safely: the first answer is replayed.`,
    });
  }
  const responses: Record<string, object> = {};
  for (const [status, file] of Object.entries(spec.ok)) {
    const content: Record<string, object> = file ? { 'application/json': { schema: ref(file) } } : {};
    if (file && spec.csv) content['text/csv'] = { schema: { type: 'string' } };
    responses[status] = { description: spec.summary, ...(Object.keys(content).length ? { content } : {}) };
  }
  const statuses = new Set([400, 404, 429, 500, ...(spec.roles ? [401, 403] : []), ...(spec.problems ?? [])]);
  for (const status of [...statuses].sort())
    responses[String(status)] = { description: PROBLEM_TEXT[status], content: problem };
  let requestBody: object | undefined;
  if (spec.body && 'file' in spec.body)
    requestBody = { required: true, content: { 'application/json': { schema: ref(spec.body.file) } } };
  if (spec.body && 'shape' in spec.body) {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(z.strictObject(spec.body.shape), { io: 'input' }) as Record<
      string,
      unknown
    >;
    requestBody = { required: true, content: { 'application/json': { schema } } };
  }
  if (spec.body && 'text' in spec.body)
    requestBody = {
      required: true,
      content: { 'text/plain': { schema: { type: 'string', description: spec.body.text } } },
    };
  if (spec.body && 'lspci' in spec.body) {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(
      z.strictObject({ pciIds: z.array(z.string()).optional(), lspci: z.string().optional() }),
      { io: 'input' },
    ) as Record<string, unknown>;
    requestBody = {
      required: true,
      content: {
        'text/plain': { schema: { type: 'string', description: 'lspci -nn output' } },
        'application/json': { schema },
      },
    };
  }
  return {
    operationId: `${spec.method}${spec.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: spec.summary,
    tags: [spec.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    security: spec.roles ? [{ bearer: [] }] : [],
    ...(spec.roles ? { 'x-roles': spec.roles } : {}),
  };
}

/** The OpenAPI 3.1 document, from the route specs and the schemas in schemas/: nothing described twice. */
export function buildOpenApi(schemas: SchemaRegistry, version: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of routeSpecs) (paths[spec.path] ??= {})[spec.method] = operation(spec);
  return {
    openapi: '3.1.0',
    info: {
      title: 'chipreg',
      version,
      summary: 'The chip compatibility registry',
      description:
        'Which large model is certified on which AI accelerator, at which level (L0–L4), precision, stack and deployment form.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    tags: ['meta', 'catalog', 'lookup', 'certifications', 'submissions', 'trust', 'admin'].map((name) => ({
      name,
      description: `${name} endpoints`,
    })),
    paths,
    components: {
      schemas: schemaComponents(schemas.files),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key from `chipreg keys create`; roles: vendor, reviewer, admin.',
        },
      },
    },
  };
}
