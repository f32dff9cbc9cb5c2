/** The line the page shows for the API's /health answer (null when it did not answer). */
export function statusText(body) {
  return body && body.status === 'ok' ? 'API: ok' : 'API: unreachable';
}
