// SPDX-License-Identifier: Apache-2.0
// A lesson's prose as paragraphs: the YAML keeps hard line breaks at ~100 columns, which on screen
// break a sentence mid-phrase (in Chinese, mid-word). A blank line still starts a new paragraph.
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

export function reflow(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        // Chinese runs on without a space; anything else joins with one.
        .reduce((out, line) => (!out ? line : CJK.test(out.at(-1)!) && CJK.test(line[0]!) ? out + line : `${out} ${line}`), ''),
    )
    .join('\n\n');
}
