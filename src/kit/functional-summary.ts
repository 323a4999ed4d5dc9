import type { CompletionOutcome } from './openai-request.js';
import { GARBLED_DEFINITION, NAN_OR_INF_DEFINITION, isGarbled, isNanOrInfText, textAfterEos } from './output-checks.js';
import { latencySummary } from './percentiles.js';
import { DEFAULT_PROMPT_SET } from './prompt-set.js';
import type { PromptRecord, RunHeader } from './run-log.js';
import { SEGMENTER_METHOD, samePrefix, segmentTokens } from './token-segments.js';

/** The v2 `evidence.functional` section: the v1 names and the tool; unmeasured figures are absent. */
export interface FunctionalSection {
  prompts: number;
  completed: number;
  crashes: number;
  nanOrInf: number;
  emptyOutputs: number;
  consistency?: number;
  referenceMatch32?: number;
  tool: { name: 'chipreg-kit'; version: string; command: string };
}

/** What the kit counts beyond the v2 section (which has no field for them), reported next to it. */
export interface KitCounts {
  garbled: number;
  timeouts: number;
  httpErrors: number;
  retries: number;
}

export interface ReferenceOutput {
  text: string;
  tokenIds: number[] | null;
}

export interface ReferenceRun {
  file: string;
  sha256: string;
  outputs: Map<string, ReferenceOutput>;
}

export const CONSISTENCY_DEFINITION =
  'a sample passes when (1) its streamed answer starts with the same first token as its non-streamed answer (token ids when the server returns them, else the first segmented token, and the first streamed delta is a prefix of the non-streamed answer), (2) no content arrives after the chunk carrying finish_reason or after data: [DONE], (3) neither answer has text after an end-of-sequence marker, and (4) where the server reports both, usage.completion_tokens equals the number of token ids; rate over completed samples';

const REFERENCE_TOKENS = 32;

function firstTokenAgrees(s: CompletionOutcome, n: CompletionOutcome): boolean {
  if (s.tokenIds && n.tokenIds) return s.tokenIds[0] === n.tokenIds[0];
  const first = (s.firstChunk ?? '').trimStart();
  return segmentTokens(s.text)[0] === segmentTokens(n.text)[0] && n.text.trimStart().startsWith(first);
}

const endsCleanly = (o: CompletionOutcome) => o.afterEnd === '' && textAfterEos(o.text) === null;

const countAgrees = (o: CompletionOutcome) =>
  o.completionTokens === null || o.tokenIds === null || o.completionTokens === o.tokenIds.length;

/** Everything `kit functional` reports, computed from the JSONL records alone (so a resumed run reports the same). */
export function summarizeFunctional(header: RunHeader, records: PromptRecord[], reference?: ReferenceRun) {
  const ids = (pred: (r: PromptRecord) => boolean) => records.filter(pred).map((r) => r.id);
  const both = (r: PromptRecord, pred: (o: CompletionOutcome) => boolean) => pred(r.streamed) || pred(r.nonStreamed);
  const completed = records.filter((r) => r.streamed.ok && r.nonStreamed.ok);
  const failed = records.flatMap((r) =>
    [r.streamed, r.nonStreamed].flatMap((o, i) =>
      o.error ? [{ id: r.id, request: i === 0 ? 'streamed' : 'non-streamed', ...o.error }] : [],
    ),
  );
  const firstTokenMismatches = completed.filter((r) => !firstTokenAgrees(r.streamed, r.nonStreamed)).map((r) => r.id);
  const textAfterEnd = completed
    .filter((r) => !(endsCleanly(r.streamed) && endsCleanly(r.nonStreamed)))
    .map((r) => r.id);
  const tokenCountMismatches = completed
    .filter((r) => !(countAgrees(r.streamed) && countAgrees(r.nonStreamed)))
    .map((r) => r.id);
  const inconsistent = new Set([...firstTokenMismatches, ...textAfterEnd, ...tokenCountMismatches]);
  const sum = (key: 'timeouts' | 'httpErrors') => records.reduce((n, r) => n + r.streamed[key] + r.nonStreamed[key], 0);
  const empty = ids((r) => r.streamed.ok && r.nonStreamed.ok && both(r, (o) => o.text.trim() === ''));
  const garbled = ids((r) => both(r, (o) => o.ok && isGarbled(o.text)));
  const nanOrInf = ids((r) => both(r, (o) => o.ok && (o.nonFinite || isNanOrInfText(o.text))));
  const crashed = ids((r) => both(r, (o) => o.error?.kind === 'network'));

  const functional: FunctionalSection = {
    prompts: records.length,
    completed: completed.length,
    crashes: crashed.length,
    nanOrInf: nanOrInf.length,
    emptyOutputs: empty.length,
    ...(completed.length ? { consistency: round4((completed.length - inconsistent.size) / completed.length) } : {}),
    tool: { name: 'chipreg-kit', version: header.kit.version, command: functionalCommand(header) },
  };
  const counts: KitCounts = {
    garbled: garbled.length,
    timeouts: sum('timeouts'),
    httpErrors: sum('httpErrors'),
    retries: records.reduce((n, r) => n + r.streamed.attempts + r.nonStreamed.attempts - 2, 0),
  };

  let referenceReport: Record<string, unknown> | undefined;
  if (reference) {
    let compared = 0;
    let matched = 0;
    let byTokenIds = 0;
    const mismatches: string[] = [];
    for (const r of records) {
      const ref = reference.outputs.get(r.id);
      if (!ref) continue;
      compared++;
      const mine = r.nonStreamed;
      let same = false;
      if (mine.ok && mine.tokenIds && ref.tokenIds) {
        byTokenIds++;
        same = samePrefix(mine.tokenIds, ref.tokenIds, REFERENCE_TOKENS);
      } else if (mine.ok) same = samePrefix(segmentTokens(mine.text), segmentTokens(ref.text), REFERENCE_TOKENS);
      if (same) matched++;
      else mismatches.push(r.id);
    }
    if (compared) functional.referenceMatch32 = round4(matched / compared);
    referenceReport = {
      file: reference.file,
      sha256: reference.sha256,
      compared,
      matched,
      mismatches,
      tokens: REFERENCE_TOKENS,
      comparedByTokenIds: byTokenIds,
      comparedBySegmenter: compared - byTokenIds,
      tokenCounting: `token ids from the server where both runs have them; otherwise ${SEGMENTER_METHOD}`,
      compares: 'non-streamed answers',
    };
  }

  return {
    functional,
    counts,
    run: {
      model: header.model,
      endpoint: header.endpoint,
      api: header.api,
      maxTokens: header.maxTokens,
      seed: header.seed,
      temperature: 0,
      promptSet: header.promptSet,
      kit: header.kit,
    },
    details: {
      failed,
      crashed,
      empty,
      garbled,
      nanOrInf,
      firstTokenMismatches,
      textAfterEnd,
      tokenCountMismatches,
    },
    definitions: {
      garbled: GARBLED_DEFINITION,
      nanOrInf: NAN_OR_INF_DEFINITION,
      consistency: CONSISTENCY_DEFINITION,
      crashes: 'prompts whose last attempt failed because the connection was refused or dropped (the server went away)',
      tokenCounting: SEGMENTER_METHOD,
    },
    ...(referenceReport ? { reference: referenceReport } : {}),
    timing: {
      ttftMs: latencySummary(completed.flatMap((r) => (r.streamed.ttftMs === null ? [] : [r.streamed.ttftMs]))),
    },
  };
}

/** The command line that reproduces the run's settings (the endpoint is the vendor's, so it is left out). */
const functionalCommand = (h: RunHeader) =>
  `chipreg kit functional --model ${h.model} --api ${h.api} --max-tokens ${h.maxTokens}` +
  (h.seed === null ? '' : ` --seed ${h.seed}`) +
  (h.promptSet.name === DEFAULT_PROMPT_SET ? '' : ` --prompts ${h.promptSet.name}.jsonl`);

const round4 = (n: number) => Math.round(n * 10000) / 10000;

export type FunctionalReport = ReturnType<typeof summarizeFunctional>;
