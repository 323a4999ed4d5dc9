import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Role } from '../db/key-repository.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { KeyService, Principal } from '../services/key-service.js';

/** The principal of an `Authorization: Bearer <key>` header, or null for none, a malformed one or an unknown key. */
export function bearer(keys: KeyService, header: string | undefined): Principal | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return match ? keys.authenticate(match[1]!) : null;
}

/** The caller of an authenticated route, set by `requireRole`. */
export const principalOf = (res: Response): Principal => res.locals.principal as Principal;

/**
 * The one place role checks live: a missing or unknown key is 401, a known key with the wrong
 * role 403. What a vendor may see inside its role (its own submissions only) is the services' job.
 */
export function createAuth(keys: KeyService, log: Logger, onFailure: RequestHandler[] = []) {
  const authenticate: RequestHandler = (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const principal = (res.locals.principal as Principal | null | undefined) ?? bearer(keys, header);
    if (!principal) {
      log.warn({ ip: req.ip, path: req.path, reason: header ? 'unknown key' : 'no key' }, 'authentication failed');
      return next(new UnauthenticatedError());
    }
    res.locals.principal = principal;
    next();
  };
  return {
    /**
     * For public routes that judge differently with a key (POST /v1/validate): no Authorization header
     * passes as anonymous; a header with an unknown key is still a 401, never silently ignored.
     */
    optional(): RequestHandler[] {
      const chain = [...onFailure, authenticate];
      const run: RequestHandler = (req, res, next) => {
        if (!req.get('authorization')) return next();
        let i = 0;
        const step = (error?: unknown): void => {
          if (error) return next(error);
          const handler = chain[i++];
          if (handler) void handler(req, res, step);
          else next();
        };
        step();
      };
      return [run];
    },
    requireRole(...roles: Role[]): RequestHandler[] {
      const check: RequestHandler = (_req, res, next) => {
        const { role } = principalOf(res);
        next(
          roles.includes(role)
            ? undefined
            : new ForbiddenError(`This needs a ${roles.join(' or ')} key; yours is a ${role} key.`),
        );
      };
      return [...onFailure, authenticate, check];
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
