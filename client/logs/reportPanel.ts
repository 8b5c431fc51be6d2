/**
 * The log report in a webview. The HTML comes from the language server (the core escapes
 * every text from the log); this page adds a content security policy that allows only its
 * own nonce'd style sheet and script, and the script only turns a click on an "apply cap"
 * button into a message with the receiver's index. What the edit writes is taken from the
 * report the extension holds, never from the page.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface ReportHtml {
  body: string;
  style: string;
}

/** The page around the report's body. */
export function reportPage(html: ReportHtml, cspSource: string): string {
  const nonce = randomBytes(16).toString('base64');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:">`,
    `<style nonce="${nonce}">${html.style}</style>`,
    '</head><body>',
    html.body,
    `<script nonce="${nonce}">`,
    'const vscode = acquireVsCodeApi();',
    "document.addEventListener('click', (e) => {",
    "  const button = e.target instanceof Element ? e.target.closest('button.apply-cap') : null;",
    "  if (button) vscode.postMessage({ command: 'applyCap', receiver: Number(button.dataset.receiver) });",
    '});',
    '</script></body></html>',
  ].join('\n');
}

/** Opens a panel with the report; `onApplyCap` gets the receiver index of a clicked button. */
export function showReport(title: string, html: ReportHtml, onApplyCap: (receiver: number) => void): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel('postfixLogReport', title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
  panel.webview.html = reportPage(html, panel.webview.cspSource);
  panel.webview.onDidReceiveMessage((m: unknown) => {
    const message = m as { command?: unknown; receiver?: unknown };
    if (message?.command === 'applyCap' && Number.isInteger(message.receiver)) onApplyCap(message.receiver as number);
  });
  return panel;
}
