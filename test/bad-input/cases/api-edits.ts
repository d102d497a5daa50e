// SPDX-License-Identifier: Apache-2.0
// Bad API calls, through the one dispatch Electron IPC and browser mode share: refused with a code
// and a message, before a run gets an id and before anything reaches a cluster (no cluster here).
import type { BadInputCase } from '../case';

const LESSON = 'startup-probe-slow-nginx';
const FILE = 'slow-nginx.yaml';
const PERIOD = 'spec.containers[name=web].startupProbe.periodSeconds';
const DECLARED = `${FILE}: spec.containers[name=web].startupProbe.initialDelaySeconds; ${FILE}: ${PERIOD}; ${FILE}: spec.containers[name=web].args[0]; ${FILE}: spec.containers[name=web].startupProbe.failureThreshold`;
const notDeclared = (path: string) => `the edited scenario is not valid:\n${FILE}: ${path} is not a field this lesson lets you change (it lets you change ${DECLARED})`;
const run = (name: string, edits: unknown[], error: string | RegExp, code = 'EDIT_INVALID'): BadInputCase => ({
  name,
  api: { method: 'startRun', args: [{ scenarioId: LESSON, edits }] },
  expect: { code, error },
});
const NOT_A_PACK = 'podlab pack verify: {dir}/p.tar.gz is not a podlab lab pack (it does not start like one: podlab pack build makes them)';
const edit = (path: string, value: unknown, file = FILE) => ({ file, path, value });

export const cases: BadInputCase[] = [
  // What-if edits that would reach the node (the audit's startRun): not fields the lesson declares
  run('an edit setting hostPID', [edit('spec.hostPID', true)], notDeclared('spec.hostPID')),
  run('an edit setting hostNetwork', [edit('spec.hostNetwork', true)], notDeclared('spec.hostNetwork')),
  run('an edit making the container privileged', [edit('spec.containers[name=web].securityContext.privileged', true)], notDeclared('spec.containers[name=web].securityContext.privileged')),
  run('an edit adding a hostPath volume', [edit('spec.volumes[0].hostPath.path', '/')], notDeclared('spec.volumes[0].hostPath.path')),
  run('an edit of a list index far past the end (a 4 GB heap before)', [edit('spec.containers[99999999].name', 'x')], notDeclared('spec.containers[99999999].name')),
  run('a declared field with a value below its range', [edit(PERIOD, 0)], `the edited scenario is not valid:\n${FILE}: ${PERIOD} must be a whole number from 1 to 2147483647, not 0`),
  run('a declared field with a fraction', [edit(PERIOD, 2.5)], `the edited scenario is not valid:\n${FILE}: ${PERIOD} must be a whole number from 1 to 2147483647, not 2.5`),
  run('a declared field with text', [edit(PERIOD, 'abc')], `the edited scenario is not valid:\n${FILE}: ${PERIOD} must be a whole number from 1 to 2147483647, not "abc"`),
  run('a declared field past int32', [edit(PERIOD, 2 ** 31)], `the edited scenario is not valid:\n${FILE}: ${PERIOD} must be a whole number from 1 to 2147483647, not 2147483648`),
  run('an edit of a file the lesson does not have', [edit('spec.x', 1, 'other.yaml')], `the edited scenario is not valid:\nother.yaml: spec.x is not a field this lesson lets you change (it lets you change ${DECLARED})`),
  // argument shapes (zod, api-args.ts)
  run('an edit file that climbs out', [edit('spec.x', 1, '../../etc/passwd.yaml')], 'startRun: 0.edits.0.file: Invalid string: must match pattern /^[\\w.-]+\\.ya?ml$/', 'BAD_ARGUMENTS'),
  run('an edit value that is an object', [edit(PERIOD, { a: 1 })], /^startRun: 0\.edits\.0\.value: Invalid input/, 'BAD_ARGUMENTS'),
  run('an edit value of null (what JSON makes of Infinity)', [edit(PERIOD, null)], /^startRun: 0\.edits\.0\.value: Invalid input/, 'BAD_ARGUMENTS'),
  run('a path of 301 characters', [edit(`spec.${'a'.repeat(296)}`, 1)], 'startRun: 0.edits.0.path: Too big: expected string to have <=300 characters', 'BAD_ARGUMENTS'),
  run('21 edits', Array.from({ length: 21 }, () => edit(PERIOD, 5)), 'startRun: 0.edits: Too big: expected array to have <=20 items', 'BAD_ARGUMENTS'),
  run('an edit with an extra key', [{ ...edit(PERIOD, 5), op: 'add' }], 'startRun: 0.edits.0: Unrecognized key: "op"', 'BAD_ARGUMENTS'),
  { name: 'an unknown lesson', api: { method: 'startRun', args: [{ scenarioId: 'no-such-lesson', edits: [edit(PERIOD, 5)] }] }, expect: { code: 'SCENARIO_NOT_FOUND', error: 'no scenario no-such-lesson' } },
  { name: 'a lesson id with a slash', api: { method: 'getScenario', args: [{ id: '../etc' }] }, expect: { code: 'BAD_ARGUMENTS', error: 'getScenario: 0.id: an id of lowercase letters, digits and -' } },
  { name: 'no arguments at all', api: { method: 'getScenario', args: [] }, expect: { code: 'BAD_ARGUMENTS', error: /^getScenario: arguments: / } },
  { name: 'a preview with an undeclared edit', api: { method: 'previewScenario', args: [{ id: LESSON, edits: [edit('spec.hostIPC', true)] }] }, expect: { code: 'PREVIEW_PROBLEMS', error: notDeclared('spec.hostIPC').replace('the edited scenario is not valid:\n', '') } },
  { name: 'an answer that is text', api: { method: 'saveAnswer', args: [{ runId: 'r1', about: 'x', answer: 'ten' }] }, expect: { code: 'BAD_ARGUMENTS', error: 'saveAnswer: 0.answer: Invalid input: expected number, received string' } },
  { name: 'a setting podlab does not have', api: { method: 'updateSettings', args: [{ changes: [{ key: 'cluster.root', value: 'yes' }] }] }, expect: { code: 'BAD_ARGUMENTS', error: /^updateSettings: 0\.changes\.0\.key: Invalid option: expected one of / } },
  { name: 'a pack path with a NUL byte', api: { method: 'importPack', args: [{ path: '/tmp/a\u0000b' }] }, expect: { code: 'BAD_ARGUMENTS', error: 'importPack: 0.path: no NUL in a path' } },
  { name: 'a lab pack that is a FIFO (no hang)', files: { 'p.tar.gz': { fifo: true } }, cli: ['pack', 'verify', '{dir}/p.tar.gz'], expect: { error: 'podlab pack verify: {dir}/p.tar.gz is not a file' } },
  { name: 'a lab pack that is empty', files: { 'p.tar.gz': '' }, cli: ['pack', 'verify', '{dir}/p.tar.gz'], expect: { error: NOT_A_PACK } },
  { name: 'a lab pack that is text', files: { 'p.tar.gz': 'hello\n' }, cli: ['pack', 'verify', '{dir}/p.tar.gz'], expect: { error: NOT_A_PACK } },
];
