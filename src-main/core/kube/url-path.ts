// SPDX-License-Identifier: Apache-2.0
// The one rule for a path a traffic step may request, shared by the lesson schema (so validate
// refuses it) and the traffic client (which refuses anything else at run time).

// RFC 3986 path and query characters (pchar, "/" and "?"), percent-escapes well-formed; no
// fragment, no spaces, quotes, backslashes or control characters.
const URL_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
export const MAX_TRAFFIC_PATH = 2048;
export const TRAFFIC_PATH_RULE = "a URL path: letters, digits, -._~!$&'()*+,;=:@/? and %XX escapes";

/** A path a traffic step may request: a URL path (and query), checked character by character. */
export function isTrafficPath(path: string): boolean {
  return path.length <= MAX_TRAFFIC_PATH && URL_PATH.test(path);
}
