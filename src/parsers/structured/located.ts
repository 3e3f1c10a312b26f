/**
 * A decoded object plus a way to ask, only when needed, on which line one of
 * its fields is written. JSON and YAML documents both produce these, so the
 * Kubernetes mappers do not care which format they read.
 */
export type FieldPath = readonly (string | number)[];

export interface Located {
  value: unknown;
  /** 1-based line where the object starts */
  line?: number;
  /** line of the value at `path` below this object, computed on demand */
  lineOf(path: FieldPath): number | undefined;
}

/** A parsed document: its root, and the elements of its root array or `items` array when it has one. */
export interface LocatedDocument {
  root: Located;
  items?: Located[];
}

export const noLines = (value: unknown): Located => ({ value, lineOf: () => undefined });
