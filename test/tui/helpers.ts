import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult } from '../../src/findings/result.js';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  backspace: '\u007F',
} as const;

const fixtureDir = fileURLToPath(new URL('../fixtures/tui/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(fixtureDir + name, 'utf8');
}

/** A fresh copy of the hand-built result (tests may mutate it). */
export function loadResult(): AnalysisResult {
  return JSON.parse(fixtureText('result.json')) as AnalysisResult;
}

export const tick = (ms = 20) => new Promise<void>((r) => setTimeout(r, ms));

interface Driven {
  stdin: { write: (data: string) => void };
  lastFrame: () => string | undefined;
}

/**
 * Writes keys one at a time, waiting after each so Ink and React flush (the
 * ink-testing-library timing trap), then until the frame stops changing, so a
 * loaded machine does not make assertions race the render.
 */
export async function press(r: Driven, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    // a lone ESC is held back by Ink's parser until the next macrotask (it may start a sequence)
    await tick(k === KEY.escape ? 50 : 20);
    await settle(r);
  }
}

/** Waits until two frames 15 ms apart are equal (at most ~1 s). */
export async function settle(r: Driven): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const f = r.lastFrame();
    await tick(15);
    if (r.lastFrame() === f) return;
  }
}

/** Polls until `test` holds (at most `ms`). */
export async function until(test: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  while (!test() && Date.now() - t0 < ms) await tick(10);
}

/** Types text as separate key presses. */
export async function type(r: Driven, text: string): Promise<void> {
  await press(r, ...text.split(''));
}

const SGR = /\u001B\[[0-9;]*m/g;

/** The frame without colour codes (our own styling), for text assertions. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(SGR, '');
}

/** Lines of the frame whose row is drawn inverse (the cursor / highlighted evidence line). */
export function inverseLines(frame: string | undefined): string[] {
  return (frame ?? '')
    .split('\n')
    .filter((l) => l.includes('\u001B[7m'))
    .map((l) => l.replace(SGR, ''));
}
