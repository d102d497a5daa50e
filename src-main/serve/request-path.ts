// SPDX-License-Identifier: Apache-2.0
// A request's path, decoded once and checked: malformed %-encoding is the client's mistake (400), and a
// path that climbs out of the served folder is refused (403) before any file is looked at.

export type RequestPath =
  | { ok: true; pathname: string; decoded: string; query: URLSearchParams }
  | { ok: false; status: 400 | 403; message: string };

export function parseRequestPath(rawUrl: string | undefined): RequestPath {
  const raw = rawUrl ?? '/';
  // Origin-form only: "//x/y" stays a path (not host x), an absolute-form or "*" target is not ours.
  if (!raw.startsWith('/')) return { ok: false, status: 400, message: 'bad request: the target must be a path' };
  let url: URL;
  let decoded: string;
  try {
    url = new URL(`http://podlab.invalid${raw}`);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, message: 'bad request: malformed %-encoding in the path' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, message: 'bad request: a NUL byte in the path' };
  // A decoded ".." (from %2e%2e or %2f) or a backslash segment is never a file of ours.
  if (decoded.split(/[/\\]/).includes('..')) return { ok: false, status: 403, message: 'forbidden: the path leaves the served folder' };
  return { ok: true, pathname: url.pathname, decoded, query: url.searchParams };
}
