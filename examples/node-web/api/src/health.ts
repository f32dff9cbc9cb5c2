/** The body of GET /health: whether the API is up and which backing services are configured. */
export function health(env: Readonly<Record<string, string | undefined>>): { ok: boolean; database: boolean; redis: boolean } {
  return { ok: true, database: Boolean(env['DATABASE_URL']), redis: Boolean(env['REDIS_URL']) };
}
