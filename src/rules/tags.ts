/**
 * The existing tag nearest to the one asked for: same semver shape first
 * (smallest numeric distance), else the smallest edit distance.
 */

const MAX_TAGS = 10_000;
const MAX_TAG_LENGTH = 128;

function semver(tag: string): number[] | undefined {
  const t = tag.startsWith('v') ? tag.slice(1) : tag;
  const core = t.split(/[-+]/, 1)[0];
  const parts = core.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,9}$/.test(p)) return undefined;
    nums.push(Number(p));
  }
  return nums;
}

function semverDistance(a: number[], b: number[]): number {
  // lexicographic weight: major differences dominate minor ones
  let d = 0;
  for (let i = 0; i < 4; i++) d = d * 1000 + Math.min(Math.abs((a[i] ?? 0) - (b[i] ?? 0)), 999);
  return d;
}

/** Levenshtein with two rows, both strings bounded. */
export function editDistance(a: string, b: string): number {
  const x = a.slice(0, MAX_TAG_LENGTH);
  const y = b.slice(0, MAX_TAG_LENGTH);
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  let cur = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

export function closestTag(wanted: string, tags: string[]): string | undefined {
  const list = tags.length > MAX_TAGS ? tags.slice(0, MAX_TAGS) : tags;
  if (list.length === 0) return undefined;
  const ws = semver(wanted);
  if (ws) {
    let best: string | undefined;
    let bestD = Infinity;
    for (const t of list) {
      const ts = semver(t);
      if (!ts || ts.length !== ws.length) continue;
      const d = semverDistance(ws, ts);
      if (d < bestD || (d === bestD && best !== undefined && t > best)) {
        bestD = d;
        best = t;
      }
    }
    if (best !== undefined) return best;
  }
  let best = list[0];
  let bestD = Infinity;
  for (const t of list) {
    const d = editDistance(wanted, t);
    if (d < bestD) {
      bestD = d;
      best = t;
    }
  }
  return best;
}
