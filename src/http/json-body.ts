import { findDuplicateMember } from '../domain/json-duplicates.js';
import { MAX_DOCUMENT_BYTES } from '../domain/limits.js';
import express, { type RequestHandler } from 'express';
import { MalformedBodyError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.js';

export const BODY_LIMIT_BYTES = MAX_DOCUMENT_BYTES;
export const MAX_DEPTH = 32;
/**
 * Values one JSON body may hold. The largest real document (a v2 submission with 500 operating points)
 * has about 20,000; more is no document, and validating it (every error of every value) would hold the
 * event loop for every other client.
 */
export const MAX_VALUES = 25_000;

/** Number of JSON values in a parsed body, stopping as soon as it passes `max`. */
function countValues(value: unknown, max: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length && count <= max) {
    const next = stack.pop();
    count++;
    if (next !== null && typeof next === 'object') stack.push(...Object.values(next as object));
  }
  return count;
}

/** Nesting depth of a parsed JSON value, stopping as soon as it passes `max`. */
function depth(value: unknown, max: number, level = 0): number {
  if (level > max || value === null || typeof value !== 'object') return level;
  let deepest = level + 1;
  for (const child of Object.values(value as object)) {
    deepest = Math.max(deepest, depth(child, max, level + 1));
    if (deepest > max) break;
  }
  return deepest;
}

const rawBodies = new WeakMap<object, Buffer>();

/**
 * Strict JSON bodies: `application/json` only (415 otherwise), at most 1 MiB (413), valid
 * JSON (400), no member name twice in one object (400: parsers disagree on which one counts, and a
 * signed or submitted document must mean one thing), nested at most 32 levels deep (400).
 */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({
    limit: BODY_LIMIT_BYTES,
    strict: false,
    type: () => true,
    verify: (req, _res, buf) => void rawBodies.set(req, buf),
  });
  const requireJson: RequestHandler = (req, _res, next) => {
    if (!req.is('application/json') && !req.is('application/*+json')) {
      return next(
        new UnsupportedMediaTypeError(
          `Send the body as application/json (got ${req.get('content-type') ?? 'no content type'}).`,
        ),
      );
    }
    next();
  };
  const limitDepth: RequestHandler = (req, _res, next) => {
    if (depth(req.body, MAX_DEPTH) > MAX_DEPTH)
      return next(new MalformedBodyError(`The JSON body is nested deeper than ${MAX_DEPTH} levels.`));
    if (countValues(req.body, MAX_VALUES) > MAX_VALUES)
      return next(
        new PayloadTooLargeError(`The JSON body holds more than ${MAX_VALUES} values; no document is that large.`),
      );
    const raw = rawBodies.get(req);
    const duplicate = raw ? findDuplicateMember(raw.toString('utf8')) : null;
    next(
      duplicate === null
        ? undefined
        : new MalformedBodyError('The JSON body names one member twice in the same object.', [
            { pointer: duplicate, detail: 'is given more than once; give each member once' },
          ]),
    );
  };
  return [requireJson, parse, limitDepth];
}

/** `text/plain` or JSON bodies (for pasted `lspci` output): the same limits, text kept as a string. */
export function textOrJsonBody(): RequestHandler[] {
  const text = express.text({ limit: BODY_LIMIT_BYTES, type: 'text/plain' });
  const [, parseJson, limitDepth] = jsonBody();
  const route: RequestHandler = (req, res, next) => {
    if (req.is('text/plain')) return text(req, res, next);
    if (!req.is('application/json'))
      return next(
        new UnsupportedMediaTypeError(
          `Send text/plain (lspci -nn output) or application/json (got ${req.get('content-type') ?? 'no content type'}).`,
        ),
      );
    parseJson!(req, res, (error?: unknown) => (error ? next(error) : limitDepth!(req, res, next)));
  };
  return [route];
}
