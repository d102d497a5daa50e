// SPDX-License-Identifier: Apache-2.0
// Which "what if" edits a lesson allows: only the fields it declares (its params and the fields its
// variations change), each with a value of the Kubernetes API's own type and range for that field.
// An audit set spec.hostPID and mounted the node's / through startRun's edits; no declared field of
// any lesson is one of those, and the Pod Security check would refuse them anyway.
import type { FieldProblem, ManifestEdit } from '@contract/dto';
import type { I18nText, ScenarioDocument } from '@contract/scenario';
import { AppError } from '../util/errors';

type EditValue = ManifestEdit['value'];
/** What the value must be, in words: "a whole number from 1 to 2147483647". */
type Rule = (v: EditValue) => I18nText | undefined;

const INT32_MAX = 2_147_483_647;

const wholeNumber = (min: number, max = INT32_MAX): Rule => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : { en: `a whole number from ${min} to ${max}`, zh: `${min} 到 ${max} 之间的整数` };
const oneOf = (...values: string[]): Rule => (v) => (typeof v === 'string' && values.includes(v) ? undefined : { en: `one of ${values.join(', ')}`, zh: `${values.join('、')} 之一` });
const text: Rule = (v) => (typeof v === 'string' ? undefined : { en: 'text', zh: '文本' });
const imageRef: Rule = (v) => (typeof v === 'string' && /^[\w][\w.:/@-]*$/.test(v) && v.length <= 255 ? undefined : { en: 'an image reference (registry/name:tag)', zh: '镜像引用（registry/name:tag）' });
const quantity: Rule = (v) =>
  typeof v === 'number' ? wholeNumber(0)(v) : typeof v === 'string' && /^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/.test(v) ? undefined : { en: 'a quantity such as 64Mi or 250m', zh: '像 64Mi 或 250m 这样的数量' };
const port: Rule = (v) =>
  typeof v === 'number' ? wholeNumber(1, 65535)(v) : typeof v === 'string' && /^[a-z0-9]([-a-z0-9]{0,13})$/.test(v) ? undefined : { en: 'a port number (1-65535) or a port name', zh: '端口号（1-65535）或端口名' };
const urlPath: Rule = (v) => (typeof v === 'string' && /^\/[\w./~%-]*$/.test(v) ? undefined : { en: 'a URL path starting with /', zh: '以 / 开头的 URL 路径' });

/** The API's type and range for a field, by its name (the last key of the path); probe fields from core/v1 types.go. */
const FIELD_RULES: Record<string, Rule> = {
  initialDelaySeconds: wholeNumber(0),
  periodSeconds: wholeNumber(1),
  timeoutSeconds: wholeNumber(1),
  successThreshold: wholeNumber(1),
  failureThreshold: wholeNumber(1),
  terminationGracePeriodSeconds: wholeNumber(0),
  activeDeadlineSeconds: wholeNumber(1),
  seconds: wholeNumber(0),
  restartPolicy: oneOf('Always', 'OnFailure', 'Never'),
  imagePullPolicy: oneOf('Always', 'IfNotPresent', 'Never'),
  image: imageRef,
  cpu: quantity,
  memory: quantity,
  'ephemeral-storage': quantity,
  port,
  containerPort: wholeNumber(1, 65535),
  path: urlPath,
  value: text,
  name: (v) => (typeof v === 'string' && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v) ? undefined : { en: 'a lowercase DNS label', zh: '小写的 DNS 标签' }),
};

/** What an element of args or command (…args[0]) may be: text. */
const LIST_ITEM_RULE: Rule = text;

function ruleFor(path: string): Rule | undefined {
  if (/\]$/.test(path)) return LIST_ITEM_RULE;
  const last = path.split('.').pop() ?? '';
  return FIELD_RULES[last];
}

/** The fields a lesson lets the learner change, as file → paths. */
export function declaredEditFields(doc: ScenarioDocument): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  const add = (file: string, path: string) => fields.set(file, (fields.get(file) ?? new Set()).add(path));
  for (const p of Object.values(doc.spec.params ?? {})) add(p.file, p.path);
  for (const v of doc.spec.variations ?? []) add(v.change.file, v.change.path);
  return fields;
}

/** Refuses an edit of a field the lesson does not declare. */
export function checkDeclared(doc: ScenarioDocument, edits: ManifestEdit[]): void {
  const fields = declaredEditFields(doc);
  for (const e of edits) {
    if (fields.get(e.file)?.has(e.path)) continue;
    const declared = [...fields].flatMap(([file, ps]) => [...ps].map((p) => `${file}: ${p}`));
    const offer = declared.length ? `it lets you change ${declared.join('; ')}` : 'it declares no field to change';
    throw new AppError('EDIT_INVALID', `${e.file}: ${e.path} is not a field this lesson lets you change (${offer})`);
  }
}

/** The learner's words for a refused value: the gap itself when it is a whole number below the minimum. */
function fieldMessage(value: EditValue, must: I18nText): I18nText {
  const min = /^a whole number from (-?\d+)/.exec(must.en)?.[1];
  if (value === '') return { en: `a value is needed: ${must.en} (Undo changes puts back the lesson’s own)`, zh: `需要一个值：${must.zh}（“撤销修改”会恢复课程原值）` };
  if (typeof value === 'number' && Number.isInteger(value) && min !== undefined && value < Number(min)) return { en: `must be at least ${min}, not ${value}`, zh: `至少为 ${min}，而不是 ${value}` };
  return { en: `must be ${must.en}, not ${JSON.stringify(value)}`, zh: `必须是 ${must.zh}，而不是 ${JSON.stringify(value)}` };
}

interface Refusal {
  problem: FieldProblem;
  /** the line a refused run or the CLI shows, with the field's whole rule */
  line: string;
}

function refusals(edits: ManifestEdit[]): Refusal[] {
  return edits.flatMap((e) => {
    const must = ruleFor(e.path)?.(e.value);
    if (!must) return [];
    return [{ problem: { file: e.file, path: e.path, message: fieldMessage(e.value, must) }, line: `${e.file}: ${e.path} must be ${must.en}, not ${JSON.stringify(e.value)}` }];
  });
}

/** Each edit whose value is outside its field's type and range, keyed by its field, in both languages. */
export const fieldProblems = (edits: ManifestEdit[]): FieldProblem[] => refusals(edits).map((r) => r.problem);

/** The English lines a refused run shows for the edits' field problems. */
export const fieldProblemLines = (edits: ManifestEdit[]): string[] => refusals(edits).map((r) => r.line);

/** Refuses an edit of a field the lesson does not declare, or a value outside the field's type and range. */
export function checkEdits(doc: ScenarioDocument, edits: ManifestEdit[]): void {
  checkDeclared(doc, edits);
  const first = fieldProblemLines(edits)[0];
  if (first) throw new AppError('EDIT_INVALID', first);
}
