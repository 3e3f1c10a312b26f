import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AnalysisResult } from '../findings/result.js';
import { CopyPanel } from './components/CopyPanel.js';
import { DetailBody } from './components/DetailBody.js';
import { EvidenceBody } from './components/EvidenceBody.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpBody, helpLines } from './components/HelpBody.js';
import { ListBody } from './components/ListBody.js';
import { buildDetailLines, selectableLines, type DetailLine } from './detail-lines.js';
import { bodyHeight, copyPanelLines, frameHeight, MIN_COLUMNS, MIN_ROWS, tooSmall, type Size } from './layout.js';
import { clamp, FilterCache, windowOffset } from './list-window.js';
import { osc52 } from './osc52.js';
import { buildViewData, subjectText, VIEW_TITLE } from './rows.js';
import { initialState, reduce, scopeOf, visibleIndices, type Ctx } from './state.js';
import { cell } from './text.js';

export interface AppProps {
  result: AnalysisResult;
  /** a bundle file's text for the evidence view; undefined when the bundle lacks it */
  readFile: (path: string) => Promise<string | undefined>;
  /** initial terminal size; later sizes come from stdout 'resize' */
  size?: Size;
  /** raw bytes for the terminal (OSC 52); absent: copying only shows the command */
  writeRaw?: (data: string) => void;
}

function useTerminalSize(initial?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState<Size>(() => initial ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 });
  useEffect(() => {
    const onResize = () => {
      if (stdout.columns && stdout.rows) setSize({ columns: stdout.columns, rows: stdout.rows });
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

export function App({ result, readFile, size: initialSize, writeRaw }: AppProps) {
  const size = useTerminalSize(initialSize);
  const { exit } = useApp();
  const data = useMemo(() => buildViewData(result), [result]);
  const filters = useMemo(() => new FilterCache(), []);
  const notChecked = result.notChecked ?? [];
  const width = size.columns;
  const detailLines = useMemo(() => {
    const cache = new Map<number, DetailLine[]>();
    return (i: number): DetailLine[] => {
      let lines = cache.get(i);
      if (!lines) {
        lines = data.sorted[i] ? buildDetailLines(data.sorted[i], notChecked, width) : [];
        cache.set(i, lines);
      }
      return lines;
    };
  }, [data, notChecked, width]);
  const helpCount = useMemo(() => helpLines().length, []);
  const ctx: Ctx = useMemo(
    () => ({ data, notChecked, filters, size, detailLines, helpLines: helpCount }),
    [data, notChecked, filters, size, detailLines, helpCount],
  );
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  const [state, dispatch] = useReducer(reduce, undefined, initialState);
  // one stable handler: Ink re-subscribes input on every new callback, and keys
  // arriving in one chunk must all reach the reducer
  const onInput = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    dispatch({ type: 'key', input, key, ctx: ctxRef.current });
  }, []);
  useInput(onInput);

  // layout effects: passive effects may wait for the next key press under Ink's renderer
  const ev = state.evidence;
  useLayoutEffect(() => {
    if (!ev || ev.status !== 'loading') return;
    let live = true;
    readFile(ev.file).then(
      (text) => live && dispatch({ type: 'evidenceLoaded', seq: ev.seq, text, ctx: ctxRef.current }),
      (err: unknown) =>
        live &&
        dispatch({ type: 'evidenceLoaded', seq: ev.seq, text: undefined, error: err instanceof Error ? err.message : String(err), ctx: ctxRef.current }),
    );
    return () => {
      live = false;
    };
  }, [ev?.seq, ev?.status, ev?.file, readFile]);

  useLayoutEffect(() => {
    if (state.copied && writeRaw) writeRaw(osc52(state.copied.text));
  }, [state.copied?.seq]);

  useLayoutEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  const counts = useMemo(() => {
    const c: Record<string, number> = { critical: 0, warning: 0, info: 0 };
    for (const f of result.findings ?? []) c[f.severity] = (c[f.severity] ?? 0) + 1;
    return c;
  }, [result]);

  const height = frameHeight(size);
  if (tooSmall(size)) {
    return (
      <Box width={size.columns} height={height}>
        <Text wrap="truncate">
          terminal too small ({size.columns}x{size.rows}); podmortem needs {MIN_COLUMNS}x{MIN_ROWS}
        </Text>
      </Box>
    );
  }

  const scope = scopeOf(state);
  const panel = state.copied ? copyPanelLines(state.copied.text, width) : [];
  const bodyRows = bodyHeight(size, scope, panel.length);
  let crumb = '';
  let body;

  if (scope === 'help') {
    crumb = 'Help — keys and commands';
    body = <HelpBody offset={state.help?.offset ?? 0} height={bodyRows} />;
  } else if (scope === 'evidence' && ev) {
    const total = ev.doc?.lineCount ?? 0;
    const where = ev.line ? `line ${ev.line}/${total}` : `${total} lines`;
    const range = total ? `  view ${ev.offset + 1}-${Math.min(total, ev.offset + bodyRows)}` : '';
    const cut = ev.doc?.truncated ? `  (first ${Math.round(ev.doc.text.length / 1048576)} MB of ${Math.round(ev.doc.originalLength / 1048576)} MB shown)` : '';
    crumb = `Evidence › ${cell(ev.file)}  ${where}${range}${cut}`;
    body = <EvidenceBody evidence={ev} height={bodyRows} width={width} />;
  } else if (scope === 'detail' && state.detail) {
    const d = state.detail;
    const lines = detailLines(d.finding);
    const sel = selectableLines(lines);
    const selectedLine = sel[d.cursor] ?? -1;
    let offset = clamp(d.offset, 0, Math.max(0, lines.length - bodyRows));
    if (selectedLine >= 0 && (selectedLine < offset || selectedLine >= offset + bodyRows)) {
      offset = windowOffset(offset, selectedLine, bodyRows, lines.length);
    }
    const f = data.sorted[d.finding];
    crumb = `Findings › ${cell(f?.category)} › ${subjectText(f?.subject)}  [${d.finding + 1}/${data.sorted.length}]`;
    body = <DetailBody lines={lines} selected={selectedLine} offset={offset} height={bodyRows} width={width} />;
  } else {
    const view = state.view;
    const ls = state.lists[view];
    const visible = visibleIndices(state, ctx);
    const list = data.lists[view];
    const cursor = clamp(ls.cursor, 0, Math.max(0, visible.length - 1));
    const offset = windowOffset(ls.offset, cursor, bodyRows, visible.length);
    const filter = ls.filter ? `  /${cell(ls.filter, 200)}` : '';
    const counter = visible.length ? `${cursor + 1}/${visible.length}` : '0/0';
    crumb = `${VIEW_TITLE[view]}[${list.rows.length}]${filter}  ${counter}`;
    const empty = ls.filter ? `no rows match /${cell(ls.filter, 200)} (esc clears)` : `no ${VIEW_TITLE[view].toLowerCase()} in this bundle`;
    body = <ListBody list={list} visible={visible} cursor={cursor} offset={offset} height={bodyRows} width={width} empty={empty} />;
  }

  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      <Header result={result} counts={counts} crumb={crumb} width={width} />
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        {body}
      </Box>
      {panel.length ? <CopyPanel lines={panel} /> : null}
      <Footer scope={scope} mode={state.mode} input={cell(state.input, 200)} flash={state.flash} />
    </Box>
  );
}
