/**
 * The one secret detector every domain shares: names that look like secrets (`PGPASSWORD`,
 * `GH_PAT`, `NPM_AUTH_TOKEN`, `SSH_PRIVATE_KEY`) and URLs that carry a password
 * (`postgres://app:hunter2@db/app`). The Dockerfile, compose and workflow rules all ask it, so a name
 * is a secret in one file exactly when it is a secret in another.
 * @module
 */

// Words that make a name a secret wherever they appear (`PGPASSWORD`, `CLIENT_SECRET_ID` is not one: see NOT_A_VALUE).
const ANYWHERE = /PASSWORD|PASSWD|PASSPHRASE|SECRET|PRIVATE_?KEY/;
// Segments that make a name a secret when they are a whole `_`-separated word.
const SEGMENTS = new Set(['TOKEN', 'TOKENS', 'PAT', 'AUTH', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'PASS', 'PWD']);
// Words that make the name a switch about a secret, not a secret (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`, `MYSQL_RANDOM_ROOT_PASSWORD`).
const SWITCHES = new Set(['ALWAYS', 'ALLOW', 'EMPTY', 'RANDOM', 'GENERATE', 'SKIP', 'REQUIRE', 'DISABLE', 'ENABLE', 'NO', 'USE']);
// A last segment that names something about the secret, not the secret itself (`POSTGRES_PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`).
const NOT_A_VALUE = new Set([
  'FILE', 'PATH', 'DIR', 'ID', 'NAME', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'USER', 'USERNAME', 'TYPE', 'MODE', 'METHOD', 'LENGTH',
  'LEN', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'TIMEOUT', 'ENABLED', 'DISABLED', 'REQUIRED', 'PROVIDER', 'HEADER_NAME', 'FORMAT', 'ALGORITHM', 'VERSION',
]);
// `<X>_KEY` is a secret unless X says the key is public or is not a cryptographic key at all.
const PUBLIC_KEYS = new Set([
  'GPG', 'PGP', 'GNUPG', 'PUBLIC', 'PUB', 'CACHE', 'RESTORE', 'PRIMARY', 'SORT', 'PARTITION', 'FOREIGN', 'ROUTING', 'IDEMPOTENCY', 'HOST', 'LOOKUP', 'MAP', 'HASH',
  'GROUP', 'SHARD', 'DEDUP', 'DEDUPE', 'CONFIG',
]);

/**
 * True when a variable, argument or label name looks like it holds a secret: it contains `PASSWORD`,
 * `PASSWD`, `PASSPHRASE`, `SECRET` or `PRIVATE_KEY`; or a whole `_`-separated word is `TOKEN`, `PAT`,
 * `AUTH`, `CREDENTIALS`, `PASS`, `PWD`…; or it ends in `TOKEN`, `APIKEY` or `_KEY` (unless the key is a
 * public one such as `GPG_KEY`). A name that ends in `_FILE`, `_PATH`, `_ID`, `_URL`, `_USER`… names
 * something *about* a secret and is not one, and so does a switch (`MYSQL_ALLOW_EMPTY_PASSWORD`).
 * Case and `-`/`.` separators do not matter.
 *
 * @example
 * ```ts
 * isSecretName('PGPASSWORD');        // true
 * isSecretName('GH_PAT');            // true
 * isSecretName('NPM_AUTH_TOKEN');    // true
 * isSecretName('SSH_PRIVATE_KEY');   // true
 * isSecretName('GIT_AUTHOR_NAME');   // false (AUTHOR is not AUTH)
 * isSecretName('POSTGRES_PASSWORD_FILE'); // false (a path to the secret)
 * isSecretName('GPG_KEY');           // false (a public key's fingerprint)
 * isSecretName('TOKENIZERS_PARALLELISM'); // false
 * ```
 */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase().replace(/[-.\s]/g, '_');
  const words = upper.split('_').filter((w) => w !== '');
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (words.length > 1 && (NOT_A_VALUE.has(last) || NOT_A_VALUE.has(words.slice(-2).join('_')))) return false;
  if (words.some((w) => SWITCHES.has(w))) return false;
  if (ANYWHERE.test(upper)) return true;
  if (words.some((w) => SEGMENTS.has(w))) return words.length > 1 || (last !== 'PASS' && last !== 'PWD');
  if (/(TOKEN|APIKEY|AUTHKEY)$/.test(last) || /^AUTH(TOKEN|KEY|ORIZATION)$/.test(last)) return true;
  if (last === 'KEY') return words.length > 1 && !PUBLIC_KEYS.has(words[words.length - 2]!);
  if (last === 'KEYS') return words.length > 1 && /^(API|SSH|ACCESS|DEPLOY|SIGNING|ENCRYPTION)$/.test(words[words.length - 2]!); // not actions/cache's restore-keys
  return false;
}

/** A credential found inside a URL. */
export interface UrlCredential {
  /** The URL with the password replaced by `***`. */
  readonly redacted: string;
  /** The user name before the password. */
  readonly user: string;
  /** The password itself. */
  readonly password: string;
}

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal)$/i;

/**
 * The password a URL carries in its user info (`scheme://user:password@host`), when it is a literal: a
 * password that interpolates a variable (`${POSTGRES_PASSWORD}`, `$PW`, `${{ secrets.PW }}`) is not one,
 * and neither is a URL whose host is this machine (`localhost`, `127.0.0.1`), which is how a local
 * development default such as `.env.example`'s `postgres://postgres:postgres@localhost:5432/app` reads.
 *
 * @example
 * ```ts
 * credentialInUrl('postgres://app:hunter2@db.internal:5432/app'); // { user: 'app', password: 'hunter2', redacted: 'postgres://app:***@db.internal:5432/app' }
 * credentialInUrl('postgres://app:${DB_PASSWORD}@db:5432/app');  // undefined (interpolated)
 * credentialInUrl('postgres://postgres:postgres@localhost/app'); // undefined (local development)
 * credentialInUrl('https://example.com/a:b@c');                  // undefined (no user info)
 * ```
 */
export function credentialInUrl(value: string): UrlCredential | undefined {
  const re = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@'"]*):([^\s/@'"]+)@([^\s/:?#'"]+)/gi;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const [all, scheme, user, password, host] = m as unknown as [string, string, string, string, string];
    if (password.includes('$') || password === '' || LOCAL_HOSTS.test(host)) continue;
    return { user, password, redacted: value.replace(all, `${scheme}${user}:***@${host}`) };
  }
  return undefined;
}

/**
 * True when a value points at a secret rather than holding one: a path under `/run/secrets/` (where
 * Docker and Compose mount `secrets:`), as in `DATABASE_PASSWORD=/run/secrets/db-password`.
 *
 * @example
 * ```ts
 * pointsAtSecret('/run/secrets/db-password'); // true
 * pointsAtSecret('hunter2');                  // false
 * ```
 */
export function pointsAtSecret(value: string): boolean {
  return /^(\/var)?\/run\/secrets\/\S+$/.test(value.trim());
}

/**
 * True for a value that cannot be a secret: a switch or an empty word (`true`, `false`, `yes`, `no`,
 * `none`, `null`, `on`, `off`, `disabled`), as in `with: { auth: none }`.
 *
 * @example
 * ```ts
 * isSwitchValue('false');   // true
 * isSwitchValue('hunter2'); // false
 * ```
 */
export function isSwitchValue(value: string): boolean {
  return /^(true|false|yes|no|none|null|nil|on|off|enabled?|disabled?|required|optional)$/i.test(value.trim());
}
