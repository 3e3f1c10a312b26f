/** Reports: Markdown incident report, JSON result, inventory text, and the sanitizers the CLI and TUI reuse. */
export { renderMarkdown, looksLikeCommand, type MarkdownOptions } from './markdown.js';
export { renderJson, type JsonOptions } from './json.js';
export { renderInventoryText, type InventoryTextOptions } from './inventory-text.js';
export { escapeMarkdownInline, escapeTableCell, codeSpan, codeBlock, sanitizeTerminalText, toOneLine } from './markdown-escape.js';
export { scrubSecrets, isSecretKey, isCredentialField, REDACTED } from './scrub.js';
export { cleanText, truncate, sanitizeDeep } from './sanitize.js';
