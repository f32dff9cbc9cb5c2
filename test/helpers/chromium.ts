// Headless Chromium (Debian's `chromium`), driven through the DevTools protocol over a pipe with
// Node built-ins only: `--remote-debugging-pipe` reads commands on fd 3 and writes replies and events
// on fd 4, each a JSON message ended by a NUL byte. No puppeteer, no browser download.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };

/** What a page reported while it was open: console errors and warnings, uncaught exceptions, log errors. */
export interface PageProblems {
  readonly console: string[];
  readonly exceptions: string[];
  readonly log: string[];
}

/** A browser with one page, for tests. */
export class Chromium {
  #next = 1;
  readonly #pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  readonly #listeners: ((m: Message) => void)[] = [];
  #session = '';
  readonly problems: PageProblems = { console: [], exceptions: [], log: [] };
  /** The URL of every request the page made (the page itself included). */
  readonly requests: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const input = child.stdio[4] as Readable;
    let buffer = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(buffer.slice(0, end)) as Message;
        buffer = buffer.slice(end + 1);
        this.#receive(m);
      }
    });
  }

  /** Starts `chromium --headless` with a fresh profile and opens a page of `width` × `height`. */
  static async launch(width = 1600, height = 1000): Promise<Chromium> {
    const profile = mkdtempSync(join(tmpdir(), 'devstack-chromium-'));
    const child = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check', '--remote-debugging-pipe', `--user-data-dir=${profile}`, `--window-size=${width},${height}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (e) => reject(new Error(`cannot start chromium (apt-get install chromium; scripts/ensure-test-tools.sh does): ${e.message}`)));
    });
    const browser = new Chromium(child, profile);
    const { targetInfos } = (await Promise.race([browser.send('Target.getTargets'), failed])) as { targetInfos: { targetId: string; type: string }[] };
    const page = targetInfos.find((t) => t.type === 'page')!;
    const { sessionId } = (await browser.send('Target.attachToTarget', { targetId: page.targetId, flatten: true })) as { sessionId: string };
    browser.#session = sessionId;
    browser.#listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && (p['type'] === 'error' || p['type'] === 'warning' || p['type'] === 'assert')) {
        browser.problems.console.push(`${String(p['type'])}: ${JSON.stringify((p['args'] as { value?: unknown; description?: string }[]).map((a) => a.value ?? a.description))}`);
      }
      if (m.method === 'Runtime.exceptionThrown') browser.problems.exceptions.push(JSON.stringify((p['exceptionDetails'] as { exception?: { description?: string }; text?: string })?.exception?.description ?? p['exceptionDetails']));
      if (m.method === 'Network.requestWillBeSent') browser.requests.push(String((p['request'] as { url: string }).url));
      if (m.method === 'Log.entryAdded') {
        const entry = p['entry'] as { level: string; text: string; url?: string };
        if (entry.level === 'error') browser.problems.log.push(`${entry.text} ${entry.url ?? ''}`);
      }
    });
    await browser.page('Runtime.enable');
    await browser.page('Log.enable');
    await browser.page('Page.enable');
    await browser.page('Network.enable');
    await browser.page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    return browser;
  }

  #receive(m: Message): void {
    if (m.id !== undefined && this.#pending.has(m.id)) {
      const p = this.#pending.get(m.id)!;
      this.#pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m);
      return;
    }
    for (const l of this.#listeners) l(m);
  }

  /** Sends a command to the browser (no session) and waits for its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.#next++;
    const out = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: (m) => resolve(m.result ?? {}), reject });
      out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Sends a command to the page. */
  page(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.send(method, params, this.#session);
  }

  /** Navigates to `url` and waits for its load event. */
  async open(url: string): Promise<void> {
    const loaded = new Promise<void>((resolve) => {
      const l = (m: Message) => {
        if (m.sessionId === this.#session && m.method === 'Page.loadEventFired') {
          this.#listeners.splice(this.#listeners.indexOf(l), 1);
          resolve();
        }
      };
      this.#listeners.push(l);
    });
    const r = (await this.page('Page.navigate', { url })) as { errorText?: string };
    if (r.errorText) throw new Error(`cannot open ${url}: ${r.errorText}`);
    await loaded;
  }

  /** Evaluates an expression in the page and returns its value (by value, so it must be JSON). */
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (r.exceptionDetails) throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  }

  /** A PNG screenshot of the page. */
  async screenshot(): Promise<Buffer> {
    const r = (await this.page('Page.captureScreenshot', { format: 'png' })) as { data: string };
    return Buffer.from(r.data, 'base64');
  }

  /** Closes the browser and removes its profile. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.profile, { recursive: true, force: true });
  }
}
