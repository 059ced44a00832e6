// The session cookie an answer sets, as a request sends it back (`onemap_session=…`), or null when it sets none.
export const sessionCookieOf = (res: { headers: Headers }): string | null =>
  /onemap_session=[^;]+/.exec(res.headers.get('Set-Cookie') ?? '')?.[0] ?? null
