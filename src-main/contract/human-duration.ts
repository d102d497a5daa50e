// SPDX-License-Identifier: Apache-2.0
// Port of apimachinery's duration.HumanDuration: how kubectl prints AGE and "(… ago)". In the contract because
// the engine prints it into each pod snapshot and the renderer re-prints AGE as the run clock advances.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A short, 2–3 significant figure rendering of a duration in milliseconds, exactly as
 * `k8s.io/apimachinery/pkg/util/duration.HumanDuration` renders a time.Duration.
 * Go converts with int(), which truncates toward zero, hence Math.trunc throughout.
 */
export function humanDuration(ms: number): string {
  // Go durations are always finite; a NaN here means an unreadable timestamp upstream.
  if (!Number.isFinite(ms)) return '<invalid>';

  // Up to one second in the future counts as "now": clocks of the API server and the
  // kubelet drift a little, and upstream tolerates that rather than print nonsense.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 2 * 60) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 3 * 60) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;

  // From here on upstream counts whole days, and years of exactly 365 days (no leap days).
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dayOfYear = days % 365;
    return dayOfYear === 0 ? `${years}y` : `${years}y${dayOfYear}d`;
  }
  return `${years}y`;
}
