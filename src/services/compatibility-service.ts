import type { CertificationRepository, PairCandidate } from '../db/certification-repository.js';
import type { DeploymentForm, Precision, StackComponent } from '../domain/catalog-types.js';
import { levelRank, type Level } from '../domain/vocabulary.js';
import type { NameResolver } from '../domain/name-resolver.js';
import { parseStackQuery, type StackRequirement } from '../domain/stack-query.js';
import { majorMinor, parseVersion, satisfies } from '../domain/vendor-version.js';
import { nameKey } from '../domain/name-key.js';
import { precisionQuery } from '../domain/precision-parts.js';
import type { ComponentDirectory } from '../domain/component-directory.js';
import type { StackMatch, Verdict } from '../domain/vocabulary.js';

export interface CompatibilityQuery {
  model: string;
  chip: string;
  precision?: Precision;
  deployment?: DeploymentForm;
  minLevel?: Level;
  stack?: string;
}

export interface Difference {
  field: 'status' | 'level' | 'precision' | 'form' | 'stack';
  expected: string;
  actual: string | null;
  detail: string;
}

/** How many related certifications an answer lists; `relatedTotal` counts them all. */
export const RELATED_SHOWN = 20;

/** Compares one certified stack with the query's stack requirements: exact, provisional (patch-level) or different. */
function compareStack(
  cert: { stack: StackComponent[] },
  wanted: StackRequirement[],
): { provisional: Difference[]; different: Difference[] } {
  const provisional: Difference[] = [];
  const different: Difference[] = [];
  if (cert.stack.length === 0) {
    different.push({
      field: 'stack',
      expected: wanted.map((w) => `${w.name}@${w.spec}`).join(','),
      actual: null,
      detail: 'no software stack was recorded for this certification',
    });
    return { provisional, different };
  }
  for (const w of wanted) {
    const component = cert.stack.find((c) => nameKey(c.name) === w.key);
    const expected = `${w.name}@${w.spec}`;
    if (!component) {
      different.push({
        field: 'stack',
        expected,
        actual: null,
        detail: `${w.name} is not part of the certified stack`,
      });
    } else if (!parseVersion(component.version) || !satisfies(component.version, w.range)) {
      const actual = `${component.name}@${component.version}`;
      if (w.exact && parseVersion(component.version) && majorMinor(component.version) === majorMinor(w.exact)) {
        provisional.push({
          field: 'stack',
          expected,
          actual,
          detail: `${component.name} differs only at patch level (${component.version} certified): provisional match`,
        });
      } else {
        different.push({
          field: 'stack',
          expected,
          actual,
          detail: `${component.name} ${component.version} does not satisfy ${w.spec}`,
        });
      }
    }
  }
  return { provisional, different };
}

/** Whether no component a declaration names conflicts with the query's stack requirements. */
function declaredStackFits(cert: { stack: StackComponent[] }, wanted: StackRequirement[]): boolean {
  return wanted.every((w) => {
    const component = cert.stack.find((c) => nameKey(c.name) === w.key);
    return !component || (!!parseVersion(component.version) && satisfies(component.version, w.range));
  });
}

/**
 * "Is model M certified on chip C?" Only verified certifications (L1+, active, at least
 * minLevel) make a verdict; declarations are listed apart and never make one `certified`.
 */
export function createCompatibilityService(deps: {
  names: NameResolver;
  certifications: CertificationRepository;
  /** Canonical component names: an unknown one in `stack=` is a 400 with suggestions, not a silent not-certified. */
  components: { directory: () => ComponentDirectory; recorded: (name: string) => boolean };
  now: () => Date;
}) {
  return {
    check(query: CompatibilityQuery) {
      const model = deps.names.resolve('model', query.model);
      const chip = deps.names.resolve('chip', query.chip);
      // A bare weight dtype (`int8`) matches every precision with those weights (w8a8, w8a16); the answer says which.
      const precision = query.precision ? { requested: query.precision, ...precisionQuery(query.precision) } : null;
      const minLevel = query.minLevel && levelRank(query.minLevel) > 0 ? query.minLevel : 'L1';
      const wanted = query.stack ? parseStackQuery(query.stack) : [];
      if (wanted.length)
        deps.components.directory().resolveQuery(wanted, {
          pointer: '/stack',
          exact: false,
          recorded: deps.components.recorded,
        });
      const rows = deps.certifications.pairCandidates(model, chip, deps.now().toISOString());

      // Candidates until the answer is chosen: only the certifications it shows are parsed whole.
      const matches: Array<{
        certification: PairCandidate;
        match: StackMatch;
        differences: Difference[];
      }> = [];
      const related: Array<{ certification: PairCandidate; differences: Difference[] }> = [];
      const declarations: PairCandidate[] = [];
      for (const cert of rows) {
        if (!cert.verified) {
          const fits =
            (!precision ||
              cert.precisions.length === 0 ||
              cert.precisions.some((p) => precision.matches.includes(p))) &&
            (!query.deployment || cert.form === null || cert.form === query.deployment);
          // A declaration's stack is what its source names: it is left out only when a component it names
          // conflicts with the query; a component it does not name is simply not stated by the source.
          const stackFits = !wanted.length || declaredStackFits(cert, wanted);
          if (cert.status === 'active' && fits && stackFits) declarations.push(cert);
          continue;
        }
        const different: Difference[] = [];
        if (cert.status !== 'active')
          different.push({
            field: 'status',
            expected: 'active',
            actual: cert.status,
            detail: `the certification is ${cert.status}`,
          });
        if (levelRank(cert.level) < levelRank(minLevel))
          different.push({
            field: 'level',
            expected: `>= ${minLevel}`,
            actual: cert.level,
            detail: `certified at ${cert.level}, below the requested ${minLevel}`,
          });
        if (precision && (cert.precision === null || !precision.matches.includes(cert.precision)))
          different.push({
            field: 'precision',
            expected: precision.matches.join(' or '),
            actual: cert.precision,
            detail: `certified at ${cert.precision ?? 'another precision'}`,
          });
        if (query.deployment && cert.form !== query.deployment)
          different.push({
            field: 'form',
            expected: query.deployment,
            actual: cert.form,
            detail: `certified for ${cert.form ?? 'another deployment form'}`,
          });
        const stack = wanted.length ? compareStack(cert, wanted) : { provisional: [], different: [] };
        different.push(...stack.different);
        if (different.length) related.push({ certification: cert, differences: [...different, ...stack.provisional] });
        else
          matches.push({
            certification: cert,
            match: stack.provisional.length ? 'provisional' : 'exact',
            differences: stack.provisional,
          });
      }
      matches.sort(
        (a, b) =>
          (a.match === b.match ? 0 : a.match === 'exact' ? -1 : 1) ||
          levelRank(b.certification.level) - levelRank(a.certification.level),
      );
      const verdict: Verdict = matches.some((m) => m.match === 'exact')
        ? 'certified'
        : matches.length
          ? 'certified-provisional'
          : related.length
            ? 'related'
            : 'not-certified';
      // The closest differing certifications first (fewest differences, then highest level); a popular
      // pair can have thousands, and the answer must not grow with the registry.
      related.sort(
        (a, b) =>
          a.differences.length - b.differences.length ||
          levelRank(b.certification.level) - levelRank(a.certification.level),
      );
      const shownMatches = matches.map((m) => ({ ...m, certification: m.certification.certification() }));
      return {
        verdict,
        query: {
          model,
          chip,
          precision: query.precision ?? null,
          deployment: query.deployment ?? null,
          minLevel,
          stack: wanted.map((w) => ({ name: w.name, version: w.spec })),
        },
        best: shownMatches[0]?.certification ?? null,
        // The best match's headline figures (v2 evidence), so an answer shows what the deployment delivers.
        headline: shownMatches[0]?.certification.headline ?? null,
        ...(precision ? { precision } : {}),
        matches: shownMatches,
        related: related
          .slice(0, RELATED_SHOWN)
          .map((r) => ({ certification: r.certification.certification(), differences: r.differences })),
        relatedTotal: related.length,
        declarations: declarations.map((d) => d.certification()),
      };
    },
  };
}

export type CompatibilityService = ReturnType<typeof createCompatibilityService>;
