import { describe, expect, it } from 'vitest';
import { credentialInUrl, isSecretName, pointsAtSecret } from '../../src/core/secrets.js';

describe('isSecretName: the one detector the three domains share', () => {
  it.each([
    'PGPASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'DB_PASSWD', 'DB_PASS', 'GPG_PASSPHRASE', 'CLIENT_SECRET', 'SECRET_KEY_BASE', 'MY_SECRET_THING',
    'GITHUB_TOKEN', 'NODE_AUTH_TOKEN', 'TOKEN', 'ACCESSTOKEN', 'GH_PAT', 'PAT', 'NPM_AUTH', 'BASIC_AUTH', 'AUTH_HEADER', 'NPM_CONFIG__AUTH', 'NPM_AUTHTOKEN',
    'SSH_PRIVATE_KEY', 'DEPLOY_PRIVATEKEY', 'API_KEY', 'APIKEY', 'STRIPE_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'ENCRYPTION_KEY', 'GOOGLE_CREDENTIALS',
    'registry.auth', 'sentry-auth-token', 'db_password',
  ])('%s is a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'AUTHOR', 'POSTGRES_PASSWORD_FILE', 'AWS_ACCESS_KEY_ID', 'GPG_KEY', 'PUBLIC_KEY', 'CACHE_KEY', 'KEY', 'KEYBOARD',
    'TOKENIZERS_PARALLELISM', 'PASSWORD_MIN_LENGTH', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD', 'PWD', 'PASS',
    'PATH', 'DATABASE_URL', 'SECRET_NAME', 'TOKEN_URL', 'PATTERN', 'COMPATIBILITY', 'OAUTHOR', '',
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
