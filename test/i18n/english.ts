// SPDX-License-Identifier: Apache-2.0
// Finds English left in Chinese text. Kubernetes' own words stay as they are in a Chinese lab
// (initialDelaySeconds, CrashLoopBackOff, Ready, SIGTERM, running), and so do names (a pod `web`);
// a sentence or a label in English is what a Chinese learner must never see.

/**
 * Words that are Kubernetes' (or the tools') own vocabulary, written the same in Chinese. Identifiers
 * with an inner capital (initialDelaySeconds, CrashLoopBackOff) and all-capital words (READY, SIGTERM)
 * are recognised by their shape and need no entry here.
 */
const KUBERNETES_TERMS = new Set([
  // container states and phases, as the API spells them
  'running', 'waiting', 'terminated', 'Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', 'Completed', 'Terminating',
  // conditions and their values
  'Ready', 'True', 'False', 'true', 'false',
  // objects and tools
  'Pod', 'Pods', 'pod', 'kind', 'kubectl', 'kubelet', 'Kubernetes', 'Docker', 'podlab', 'exec', 'watch', 'ticker', 'tick',
  'max', 'phase', 'issue', 'English',
  // events' reasons that are plain words
  'Killing', 'Started', 'Created', 'Pulled', 'Scheduled', 'Unhealthy',
  // the scheduler's words (Insufficient cpu)
  'Insufficient', 'cpu', 'memory',
  // API names
  'Downward',
  // units
  's', 'ms', 'MB',
]);

/** A word as Kubernetes writes its identifiers: camelCase, PascalCase with an inner capital, or all capitals. */
function isIdentifier(word: string): boolean {
  return /[a-z][A-Z]/.test(word) || /^[A-Z]{2,}$/.test(word) || /\d/.test(word);
}

function isRaw(word: string): boolean {
  return KUBERNETES_TERMS.has(word) || isIdentifier(word);
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * The English phrases in `text`: two or more ordinary English words in a row, or, in a text with no
 * Chinese at all, any ordinary English word (unless `fragment`: a part the engine puts into Chinese
 * sentences, such as `app running`). Quoted names ("break"), regexes (/Back-off/) and key=value
 * pairs are data and are skipped.
 */
export function englishPhrases(text: string, { fragment = false } = {}): string[] {
  const cleaned = text
    // code (`sleep 8`), and any word with a digit in it (v1.34.4, step-2, 5s)
    .replace(/`[^`]*`/g, ' ')
    .replace(/\S*\d\S*/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/(^|\s)\/[^/\n]+\/(?=$|[\s，。；：（）()])/g, ' ')
    .replace(/\S+=\S+/g, ' ')
    .replace(/\S+\/\S+/g, ' ');
  const found: string[] = [];
  const lone = !fragment && !HAS_CHINESE.test(text);
  // runs of Latin words separated by spaces only (punctuation or a Chinese character ends a run)
  for (const run of cleaned.match(/[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)*/g) ?? []) {
    const words = run.split(/\s+/);
    let phrase: string[] = [];
    const flush = () => {
      if (phrase.length >= 2 || (lone && phrase.length === 1)) found.push(phrase.join(' '));
      phrase = [];
    };
    for (const w of words) {
      if (isRaw(w.replace(/[-'’]+$/, ''))) flush();
      else phrase.push(w);
    }
    flush();
  }
  return found;
}
