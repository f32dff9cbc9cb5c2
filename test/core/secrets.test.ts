import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { credentialInUrl, isSecretName, pointsAtSecret } from '../../src/core/secrets.js';

describe('isSecretName: the one detector the three domains share', () => {
  it.each([
    'PGPASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'DB_PASSWD', 'DB_PASS', 'GPG_PASSPHRASE', 'CLIENT_SECRET', 'SECRET_KEY_BASE', 'MY_SECRET_THING',
    'GITHUB_TOKEN', 'NODE_AUTH_TOKEN', 'TOKEN', 'ACCESSTOKEN', 'GH_PAT', 'PAT', 'NPM_AUTH', 'BASIC_AUTH', 'AUTH_HEADER', 'NPM_CONFIG__AUTH', 'NPM_AUTHTOKEN',
    'SSH_PRIVATE_KEY', 'DEPLOY_PRIVATEKEY', 'API_KEY', 'APIKEY', 'STRIPE_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'ENCRYPTION_KEY', 'GOOGLE_CREDENTIALS',
    'registry.auth', 'sentry-auth-token', 'db_password', 'ssh-key', 'deploy-keys', 'gpg-private-key',
  ])('%s is a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'AUTHOR', 'POSTGRES_PASSWORD_FILE', 'AWS_ACCESS_KEY_ID', 'GPG_KEY', 'PUBLIC_KEY', 'CACHE_KEY', 'KEY', 'KEYBOARD',
    'TOKENIZERS_PARALLELISM', 'PASSWORD_MIN_LENGTH', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD', 'PWD', 'PASS',
    'PATH', 'DATABASE_URL', 'SECRET_NAME', 'TOKEN_URL', 'PATTERN', 'COMPATIBILITY', 'OAUTHOR', '', 'restore-keys', 'cache-key', 'key', 'token-format', 'aws-kms-key-id', 'always-auth', 'NPM_CONFIG_ALWAYS_AUTH',
  ])('%s is not a secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('credentialInUrl', () => {
  it('finds a literal password and redacts it', () => {
    expect(credentialInUrl('postgres://app:hunter2@db.internal:5432/app')).toEqual({ user: 'app', password: 'hunter2', redacted: 'postgres://app:***@db.internal:5432/app' });
    expect(credentialInUrl('DSN=mysql://root:pw@db:3306/x?tls=true')?.redacted).toBe('DSN=mysql://root:***@db:3306/x?tls=true');
    expect(credentialInUrl('redis://:s3cret@cache:6379/0')?.password).toBe('s3cret');
  });

  it('leaves interpolated passwords, local development hosts and URLs without a password alone', () => {
    for (const url of [
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'postgres://app:$PW@db/app',
      'postgres://postgres:postgres@localhost:5432/app',
      'postgresql+asyncpg://postgres:postgres@127.0.0.1:5555/tasktracker',
      'https://token@github.com/acme/repo.git',
      'https://example.com/a:b@c',
      'redis://redis:6379',
      'not a url',
    ]) expect(credentialInUrl(url), url).toBeUndefined();
  });
});

describe('pointsAtSecret', () => {
  it('is true for a path where secrets are mounted, false for a value', () => {
    expect(pointsAtSecret('/run/secrets/db-password')).toBe(true);
    expect(pointsAtSecret('/var/run/secrets/token')).toBe(true);
    expect(pointsAtSecret('hunter2')).toBe(false);
    expect(pointsAtSecret('/run/secrets/')).toBe(false);
    expect(pointsAtSecret('/etc/passwd')).toBe(false);
  });
});

describe('isSecretName properties', () => {
  const word = fc.constantFrom('DB', 'PASSWORD', 'TOKEN', 'AUTH', 'AUTHOR', 'GIT', 'NAME', 'KEY', 'GPG', 'API', 'PAT', 'PATH', 'SECRET', 'FILE', 'ID', 'ALLOW', 'x', 'pg', 'Private', 'Key');
  const name = fc.array(word, { minLength: 1, maxLength: 5 });

  it('ignores case and treats -, . and _ alike', () => {
    fc.assert(fc.property(name, fc.constantFrom('_', '-', '.'), (words, sep) => {
      const n = words.join('_');
      expect(isSecretName(n.toLowerCase())).toBe(isSecretName(n.toUpperCase()));
      expect(isSecretName(words.join(sep))).toBe(isSecretName(n));
    }), { numRuns: 1000 });
  });

  it('a name that ends in _FILE, _PATH or _ID names where a secret is, not the secret', () => {
    fc.assert(fc.property(name, fc.constantFrom('FILE', 'PATH', 'ID', 'URL', 'USER'), (words, suffix) => {
      expect(isSecretName([...words, suffix].join('_'))).toBe(false);
    }), { numRuns: 1000 });
  });

  it('a redacted URL is the URL with its password, and only its password, replaced by ***', () => {
    const part = fc.stringMatching(/^[a-zA-Z0-9]{1,12}$/);
    fc.assert(fc.property(part, part, fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{2,5})?$/), (user, password, host) => {
      fc.pre(!LOCAL.has(host));
      const found = credentialInUrl(`postgres://${user}:${password}@${host}:5432/app`);
      expect(found).toEqual({ user, password, redacted: `postgres://${user}:***@${host}:5432/app` });
    }), { numRuns: 1000 });
  });
});
const LOCAL = new Set(['localhost']);
