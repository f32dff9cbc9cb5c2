/**
 * Security rules for Dockerfiles: downloads that are not verified, scripts piped into a shell,
 * `sudo`, world-writable modes, the insecure RUN sandbox, and an SSH port.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import type { DockerfileModel } from '../model.js';
import { instructions, ofKind, shellCommands, shellText, unwrapOnbuild } from './walk.js';

type M = DockerfileModel;

const HTTP_URL = /^https?:\/\//i;
// a git repository URL (ADD https://github.com/x/y.git#v1): pinned by its ref, not by --checksum of a file
const GIT_URL = /\.git(#.*)?$|\.git\/?$/i;

/** `docker/add-url-without-checksum`: ADD of an http(s) URL with no `--checksum`. */
export const addUrlWithoutChecksum = defineRule<M>({
  code: 'docker/add-url-without-checksum',
  severity: 'warning',
  summary: '`ADD <url>` downloads a file without `--checksum`, so whatever the server returns that day goes into the image.',
  fix: 'Pin the file\'s digest: `ADD --checksum=sha256:<hex> https://example.com/tool.tar.gz /tmp/` (find it with `curl -sL <url> | sha256sum`).',
  *check(model) {
    for (const l of instructions(model)) {
      const i = unwrapOnbuild(l.instruction);
      if (i.kind !== 'add' || i.checksum !== undefined) continue;
      for (const [s, src] of i.sources.entries()) {
        if (HTTP_URL.test(src) && !GIT_URL.test(src)) {
          yield { path: [...l.path, 'sources', s], message: `ADD ${src} downloads without --checksum, so the file is not verified`, hint: `write ADD --checksum=sha256:<hex> ${src} ${i.dest}` };
        }
      }
    }
  },
});

// a shell reads the script from stdin; an interpreter only does with no script argument or `-`
// (`curl … | python3 -c 'import json…'` parses data and is fine)
const RUNNER = '(?:(?:ba|z|da|k|fi)?sh\\b|(?:python[23]?|perl|ruby|node)(?=\\s*(?:$|[;&|)]|-(?:\\s|$))))';
// `curl … | sh`, `wget -O- … | sudo bash -s --`, `sh -c "$(curl …)"`, `bash <(curl …)`
const PIPE_TO_SHELL = new RegExp(
  `\\b(curl|wget)\\b[^|;&\\n]*\\|\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+(?:\\w+=\\S*\\s+)*)?(?:/usr)?(?:/bin/)?(${RUNNER})` +
    `|\\b((?:ba|z|da|k)?sh)\\s+(?:-\\w+\\s+)*(?:"\\$\\(|'?<\\(|\\$\\(|<\\()\\s*(curl|wget)\\b`,
);

/** `docker/pipe-to-shell`: a download piped straight into a shell (`curl … | sh`). */
export const pipeToShell = defineRule<M>({
  code: 'docker/pipe-to-shell',
  severity: 'warning',
  summary: 'A RUN pipes a download into a shell (`curl … | sh`, `wget -O- … | bash`), so unverified code from the network runs in the build.',
  fix: 'Download to a file, check its digest, then run it: `curl -fsSLo install.sh <url> && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh` (or use `ADD --checksum=…`).',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      for (const line of shellText(l.instruction).split('\n')) {
        const m = PIPE_TO_SHELL.exec(line);
        if (m) {
          yield { path: l.path, message: `"${line.trim()}" runs a script straight from the network (${m[1] ?? m[4]} into ${(m[2] ?? m[3])!.trim()}), unverified`, hint: 'download to a file, verify its sha256, then run it' };
          break;
        }
      }
    }
  },
});

/** `docker/sudo`: `sudo` in a RUN. */
export const sudoInRun = defineRule<M>({
  code: 'docker/sudo',
  severity: 'warning',
  summary: 'A RUN uses `sudo`: the build already runs as the current `USER`, and sudo in an image means a password-less way to root at run time.',
  fix: 'Switch users instead: `USER root` before the RUN and `USER app` after it (or use `gosu`/`su-exec` in an entrypoint that must drop privileges).',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      const cmd = shellCommands(shellText(l.instruction)).find((c) => /^(?:\w+=\S*\s+)*sudo\b/.test(c));
      if (cmd) yield { path: l.path, message: `"${cmd}" uses sudo`, hint: 'run the command under USER root instead, then switch back' };
    }
  },
});

/** True when a chmod mode gives everyone write access (`777`, `666`, `o+w`, `a+rwx`), not counting sticky directories (`1777`). */
function worldWritableMode(mode: string): boolean {
  const octal = /^0*([0-7]{3,4})$/.exec(mode);
  if (octal) {
    const digits = octal[1]!;
    if (digits.length === 4 && (Number(digits[0]) & 1) === 1) return false; // sticky: /tmp-style shared folders
    return (Number(digits[digits.length - 1]) & 2) === 2;
  }
  return mode.split(',').some((part) => {
    const m = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(part);
    return m !== null && m[2]!.includes('w') && /[oa]/.test(m[1]!);
  });
}

/** `docker/world-writable`: `chmod 777` (or any mode that lets everyone write). */
export const worldWritable = defineRule<M>({
  code: 'docker/world-writable',
  severity: 'warning',
  summary: '`chmod 777` (or `666`, `o+w`, `a+w`) lets every user in the container change the files, including a process that was broken into.',
  fix: 'Give the files to the user that needs them and keep others read-only: `COPY --chown=app:app …` or `chown -R app:app /data && chmod -R 755 /data`.',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      for (const c of shellCommands(shellText(l.instruction))) {
        const words = c.split(/\s+/);
        const at = words.findIndex((w) => w === 'chmod' || w.endsWith('/chmod'));
        if (at < 0) continue;
        const mode = words.slice(at + 1).find((w) => !w.startsWith('-'));
        if (mode !== undefined && worldWritableMode(mode)) {
          yield { path: l.path, message: `"${c}" makes files writable by every user`, hint: 'chown the files to the user that writes them and use 755/644' };
          break;
        }
      }
    }
  },
});

/** `docker/insecure-run`: `RUN --security=insecure`. */
export const insecureRun = defineRule<M>({
  code: 'docker/insecure-run',
  severity: 'warning',
  summary: '`RUN --security=insecure` runs the command without the build sandbox (like `docker run --privileged`), which needs the `security.insecure` entitlement.',
  fix: 'Remove `--security=insecure`; if a step truly needs privileges, do it at run time in a container started for it, not in the image build.',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      if (l.instruction.security === 'insecure') yield { path: [...l.path, 'security'], message: 'RUN --security=insecure runs without the build sandbox, with full access to the builder host', hint: 'remove --security=insecure' };
    }
  },
});

/** `docker/expose-ssh`: `EXPOSE 22`. */
export const exposeSsh = defineRule<M>({
  code: 'docker/expose-ssh',
  severity: 'warning',
  summary: 'The image exposes port 22 (SSH): a container is reached with `docker exec`, and an SSH server is one more service to keep patched and one more login to guess.',
  fix: 'Remove `EXPOSE 22` and the SSH server; use `docker exec -it <container> sh` (or `docker compose exec`) to get a shell.',
  *check(model) {
    for (const l of ofKind(model, 'expose')) {
      for (const [p, port] of l.instruction.ports.entries()) {
        const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(port);
        if (!m || (m[3] !== undefined && m[3].toLowerCase() !== 'tcp')) continue;
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? lo : Number(m[2]);
        if (lo <= 22 && 22 <= hi) yield { path: [...l.path, 'ports', p], message: `EXPOSE ${port} publishes SSH's port 22`, hint: 'remove it; use docker exec for a shell' };
      }
    }
  },
});
