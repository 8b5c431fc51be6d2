/** Debian's Chromium driven by playwright-core (which downloads no browser of its own). */
import { Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Console noise of an offline workbench (no marketplace, no open-vsx; vsda is a module only
 * Microsoft's builds carry, so code-server answers 404 for it), left out of logs.
 */
export const OFFLINE_NOISE = /open-vsx\.org|ERR_NAME_NOT_RESOLVED|marketplace|gallery|status of 404|Creating a socket|Resolving connection|Resolved connection|reconnection-grace-time|Updating additional builtin|\[Service Worker\]|ChatSessionStore|AgentHost|AccountPolicyGate|vsda/i;
