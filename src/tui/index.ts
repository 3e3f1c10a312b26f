export { runTui, type RunTuiOptions } from './run.js';
export { App, type AppProps } from './app.js';
export { canRunTui } from './can-run.js';
