// SPDX-License-Identifier: Apache-2.0
// What the desktop app's dialog says when it cannot start: the problem, and the fix (the database's
// path and what to do with it, each invalid lesson's file:line). Plain data, no import of 'electron',
// so it is tested without the Electron binary; main.ts only shows it and quits.
import { AppError, errorMessage, formatProblem, isDbRefusal, type ScenarioProblem } from '../core';

export interface StartupFailureDialog {
  title: string;
  message: string;
  detail: string;
}

/** A dialog lists this many lesson problems; the rest are counted (the CLI's `scenarios validate` shows all). */
const MAX_PROBLEMS = 10;

export function describeStartupFailure(e: unknown, where: { logFile?: string } = {}): StartupFailureDialog {
  if (isDbRefusal(e)) {
    return {
      title: 'podlab cannot open its database',
      message: `${capitalize(e.details.summary)}.`,
      detail: `What to do: ${e.details.fix}, then start podlab again.\n\npodlab has left the file as it was.`,
    };
  }
  const problems = lessonProblems(e);
  if (problems) {
    const shown = problems.slice(0, MAX_PROBLEMS).map(formatProblem);
    const more = problems.length > MAX_PROBLEMS ? [`…and ${problems.length - MAX_PROBLEMS} more (podlab scenarios validate lists them all)`] : [];
    return {
      title: 'podlab’s lessons have errors',
      message: problems.length === 1 ? 'A lesson file has an error.' : `The lesson files have ${problems.length} errors.`,
      detail: [...shown, ...more, '', 'Fix each file at the line given (file:line:column), or move that lesson’s folder out of the scenarios folder, then start podlab again.'].join('\n'),
    };
  }
  return {
    title: 'podlab could not start',
    message: `${capitalize(errorMessage(e))}${/[.!?]$/.test(errorMessage(e)) ? '' : '.'}`,
    detail: where.logFile ? `The log may say more: ${where.logFile}` : '',
  };
}

function lessonProblems(e: unknown): ScenarioProblem[] | undefined {
  if (!(e instanceof AppError) || e.code !== 'SCENARIO_INVALID' || !Array.isArray(e.details) || !e.details.length) return undefined;
  return e.details as ScenarioProblem[];
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
