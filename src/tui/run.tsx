import { render } from 'ink';
import type { AnalysisResult } from '../findings/result.js';
import { App } from './app.js';
import { enterAltScreen } from './terminal-session.js';

export interface RunTuiOptions {
  readFile: (path: string) => Promise<string | undefined>;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** Runs the interactive viewer on the alternate screen until the user quits. */
export async function runTui(result: AnalysisResult, opts: RunTuiOptions): Promise<void> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const restore = enterAltScreen(stdout);
  try {
    const instance = render(
      <App
        result={result}
        readFile={opts.readFile}
        size={{ columns: stdout.columns || 80, rows: stdout.rows || 24 }}
        writeRaw={(s) => stdout.write(s)}
      />,
      { stdin, stdout, exitOnCtrlC: true, patchConsole: false },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
  }
}
