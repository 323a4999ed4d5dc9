/** Readers for the fields of OpenAI-compatible completion bodies and chunks, tolerant of what servers omit. */
export interface Choice {
  delta?: { content?: unknown };
  message?: { content?: unknown };
  text?: unknown;
  finish_reason?: unknown;
  token_ids?: unknown;
}

export function firstChoice(value: unknown): Choice | null {
  const choices = (value as { choices?: unknown })?.choices;
  return Array.isArray(choices) && choices.length ? (choices[0] as Choice) : null;
}

export function usageTokens(value: unknown): number | null {
  const n = (value as { usage?: { completion_tokens?: unknown } })?.usage?.completion_tokens;
  return typeof n === 'number' ? n : null;
}

export function tokenIdsOf(choice: Choice | null): number[] | null {
  const ids = choice?.token_ids;
  return Array.isArray(ids) && ids.every((i) => typeof i === 'number') ? (ids as number[]) : null;
}

export function serverError(value: unknown): string | null {
  const error = (value as { error?: unknown })?.error;
  if (error === undefined || error === null) return null;
  return typeof error === 'string' ? error : JSON.stringify(error).slice(0, 300);
}
