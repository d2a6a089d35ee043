import { randomBytes } from 'node:crypto';

/**
 * The HTML of a kubeplan webview panel: a strict Content-Security-Policy (only this page's own inline
 * style and script, by nonce), the editor theme's font and colours, and `data` embedded as JSON for the
 * script (with `vscode`, the webview API, in scope).
 */
export function webviewPage(parts: { style: string; body: string; script: string }, data: unknown): string {
  const nonce = randomBytes(16).toString('base64');
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
${parts.style.trim()}
</style></head>
<body>
${parts.body.trim()}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const data = ${json};
${parts.script.trim()}
</script></body></html>`;
}
