import { UnreadableToolOutputError } from '../errors.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The JSON object `text` holds, or null when it is not one (for detectors). */
export function jsonObjectOrNull(text: string): JsonObject | null {
  const start = text.trimStart()[0];
  if (start !== '{') return null;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The JSON object `text` holds; anything else is a damaged file. */
export function jsonObject(text: string, where: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableToolOutputError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new UnreadableToolOutputError(`${where}: not a JSON object`);
  return value;
}

/** A member that must be an object when present. */
export function objectMember(parent: JsonObject, key: string, where: string): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new UnreadableToolOutputError(`${where}: "${key}" is not an object`);
  return value;
}

export const stringMember = (parent: JsonObject, key: string): string | undefined =>
  typeof parent[key] === 'string' && parent[key] !== '' ? (parent[key] as string) : undefined;

export type { JsonObject };
export { isObject };
