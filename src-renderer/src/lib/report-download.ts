// SPDX-License-Identifier: Apache-2.0
// Saving an export from the page: a download, and the page's own CSS to inline into the report.

export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The page's own CSS, inlined into the report. */
export function pageCss(): string {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) out.push(rule.cssText);
    } catch {
      /* a cross-origin sheet: not ours */
    }
  }
  return out.join('\n');
}
