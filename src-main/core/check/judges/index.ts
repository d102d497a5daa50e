// SPDX-License-Identifier: Apache-2.0
// The expectation registry: per expectation type, the key that marks it in a lesson and the factory
// of its judge (windows and params are checked when the judge is built). A type the contract has
// and these records lack does not compile; a new type is its schema (scenarios/schema/
// expectation.ts), a judge class here and a line in each record below.
import type { Anchor, Expectation, ExpectationType } from '@contract/scenario';
import { bindTimeRef, planAnchors, planWindow, timeRefAnchors } from '../windows';
import { BecomesJudge } from './becomes';
import { CountJudge } from './count';
import { FinalJudge } from './final';
import { HoldsJudge } from './holds';
import type { Judge, JudgeContext } from './judge';
import { OrderJudge } from './order';

export type { Judge, JudgeContext } from './judge';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ExpectationKey = Exclude<KeysOfUnion<Expectation>, 'id' | 'explain'>;
type TypeKey = (typeof KEYS)[ExpectationType];
/** The contract's expectation variants that none of KEYS marks. */
type Untyped<V = Expectation> = V extends unknown ? ([Extract<keyof V, TypeKey>] extends [never] ? V : never) : never;

/** The key that says what type a lesson's expectation is (`order` is written `first: … then: …`). */
const KEYS = { holds: 'holds', becomes: 'becomes', count: 'count', order: 'first', final: 'final' } as const satisfies Record<ExpectationType, ExpectationKey>;
// …and every variant of the contract's Expectation has one: a new variant without a type does not compile.
const everyVariantTyped: [Untyped] extends [never] ? true : never = true;
void everyVariantTyped;

type Variant<T extends ExpectationType> = Extract<Expectation, Record<(typeof KEYS)[T], unknown>>;
/** Builds the judge and tells the anchor book what to look out for. Throws on bad params or predictions. */
type JudgeFactory<T extends ExpectationType> = (e: Variant<T>, ctx: JudgeContext, params: Record<string, number>) => Judge;

const watch = (ctx: JudgeContext, anchors: Anchor[]): void => anchors.forEach((a) => ctx.anchors.watch(a));

const JUDGES: { [T in ExpectationType]: JudgeFactory<T> } = {
  holds: (e, ctx, params) => {
    const plan = planWindow(e.during, params, e.id);
    watch(ctx, planAnchors(plan));
    return new HoldsJudge(e.id, ctx, e.holds, plan);
  },
  becomes: (e, ctx, params) => {
    const plan = planWindow(e.within, params, e.id);
    watch(ctx, planAnchors(plan));
    return new BecomesJudge(e.id, ctx, e.becomes, plan);
  },
  count: (e, ctx, params) => {
    const by = bindTimeRef(e.by ?? 'end', params, e.id);
    watch(ctx, timeRefAnchors(by));
    return new CountJudge(e.id, ctx, e.count, e.min, e.max, by);
  },
  order: (e, ctx) => new OrderJudge(e.id, ctx, e.first, e.then),
  final: (e, ctx) => new FinalJudge(e.id, ctx, e.final),
};

const TYPES = Object.keys(KEYS) as ExpectationType[];

/** What type of expectation this is, as the store and the screen name it. */
export function expectationType(e: Expectation): ExpectationType {
  const type = TYPES.find((t) => KEYS[t] in e);
  if (!type) throw new Error(`an expectation with none of: ${Object.values(KEYS).join(', ')}`);
  return type;
}

export function createJudge(e: Expectation, ctx: JudgeContext, params: Record<string, number>): Judge {
  return judgeOf(expectationType(e), e, ctx, params);
}

function judgeOf<T extends ExpectationType>(type: T, e: Expectation, ctx: JudgeContext, params: Record<string, number>): Judge {
  // expectationType() found T's key in this expectation, so it is T's variant.
  return JUDGES[type](e as Variant<T>, ctx, params);
}
