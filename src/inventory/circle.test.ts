import { describe, expect, it } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import type { Result } from '../internal/result.js';
import {
  Circle,
  compareCircles,
  createCircle,
  DEFAULT_RING_COUNT,
  moveInCircle,
  peopleInRing,
  placeInCircle,
  removeFromCircle,
  ringOf,
} from './circle.js';

const id = (value: string) => value as PersonId;

function value<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): TValue {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

function issues<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): readonly Issue[] {
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues;
}

const codesAndPaths = (found: readonly Issue[]) => found.map((item) => [item.code, item.path]);

/** A circle with the given placements (validated, frozen). */
function circleOf(placements: Record<string, number>, ringCount = 3): DeepReadonly<Circle> {
  return value(safeParseWith(Circle, { ringCount, placements }));
}

describe('createCircle', () => {
  it('has 3 rings by default: the Inner / Middle / Outer convention [SCRS, CAREPATRON]', () => {
    expect(DEFAULT_RING_COUNT).toBe(3);
    expect(value(createCircle())).toEqual({ ringCount: 3, placements: {} });
  });

  it('is configurable, e.g. the "3 to 4 outer circles" of worksheets [CAREPATRON]', () => {
    expect(value(createCircle({ ringCount: 4 })).ringCount).toBe(4);
    expect(value(createCircle({ ringCount: 1 })).ringCount).toBe(1);
    expect(value(createCircle({ ringCount: 10 })).ringCount).toBe(10);
  });

  it.each([
    [0, 'too-small'],
    [11, 'too-big'],
    [3.5, 'invalid-type'],
  ])('rejects %d rings with %s', (ringCount, code) => {
    expect(codesAndPaths(issues(createCircle({ ringCount })))).toEqual([
      [code, ['options', 'ringCount']],
    ]);
  });

  it('is frozen', () => {
    const circle = value(createCircle());
    expect(Object.isFrozen(circle)).toBe(true);
    expect(Object.isFrozen(circle.placements)).toBe(true);
  });
});

describe('placeInCircle: ring 0 is the innermost, closest ring [PP-CC, invariant 9]', () => {
  const empty = value(createCircle());

  it('places people by closeness: the closest in ring 0, acquaintances outermost', () => {
    let circle = value(placeInCircle(empty, id('mother'), 0));
    circle = value(placeInCircle(circle, id('best-friend'), 0));
    circle = value(placeInCircle(circle, id('teacher'), 2));
    expect(circle.placements).toEqual({ mother: 0, 'best-friend': 0, teacher: 2 });
    expect(peopleInRing(circle, 0)).toEqual(['best-friend', 'mother']);
    expect(ringOf(circle, id('teacher'))).toBe(2);
    expect(ringOf(circle, id('nobody'))).toBeUndefined();
  });

  it('fails with already-placed: a person is in at most one ring', () => {
    const circle = value(placeInCircle(empty, id('p1'), 0));
    expect(codesAndPaths(issues(placeInCircle(circle, id('p1'), 1)))).toEqual([
      ['already-placed', ['personId']],
    ]);
  });

  it.each([3, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'fails with ring-out-of-range for ring %d of a 3-ring circle',
    (ring) => {
      expect(codesAndPaths(issues(placeInCircle(empty, id('p1'), ring)))).toEqual([
        ['ring-out-of-range', ['ring']],
      ]);
    },
  );

  it('uses the circle’s own ring count', () => {
    const four = value(createCircle({ ringCount: 4 }));
    expect(value(placeInCircle(four, id('p1'), 3)).placements).toEqual({ p1: 3 });
    expect(issues(placeInCircle(four, id('p1'), 4))[0]!.message).toBe('must be a ring from 0 to 3');
  });

  it('rejects an id that is not id-shaped without quoting it', () => {
    const found = issues(placeInCircle(empty, id('ZZSECRET Jane'), 0));
    expect(codesAndPaths(found)).toEqual([['invalid-format', ['personId']]]);
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });

  it('never changes the circle it was given', () => {
    const unfrozen = { ringCount: 3, placements: { p1: 0 } } as DeepReadonly<Circle>;
    const next = value(placeInCircle(unfrozen, id('p2'), 1));
    expect(unfrozen).toEqual({ ringCount: 3, placements: { p1: 0 } });
    expect(Object.isFrozen(unfrozen)).toBe(false);
    expect(Object.isFrozen(unfrozen.placements)).toBe(false);
    expect(Object.isFrozen(next.placements)).toBe(true);
  });
});

describe('moveInCircle and removeFromCircle', () => {
  const circle = circleOf({ p1: 2, p2: 0 });

  it('moves a placed person to another ring', () => {
    expect(value(moveInCircle(circle, id('p1'), 0)).placements).toEqual({ p1: 0, p2: 0 });
  });

  it('moving to the same ring changes nothing', () => {
    expect(value(moveInCircle(circle, id('p1'), 2))).toEqual(circle);
  });

  it('fails with not-placed for someone not in the circle', () => {
    expect(codesAndPaths(issues(moveInCircle(circle, id('p3'), 0)))).toEqual([
      ['not-placed', ['personId']],
    ]);
    expect(codesAndPaths(issues(removeFromCircle(circle, id('p3'))))).toEqual([
      ['not-placed', ['personId']],
    ]);
  });

  it('fails with ring-out-of-range when moving outside the circle', () => {
    expect(codesAndPaths(issues(moveInCircle(circle, id('p1'), 3)))).toEqual([
      ['ring-out-of-range', ['ring']],
    ]);
  });

  it('removes a person', () => {
    expect(value(removeFromCircle(circle, id('p1')))).toEqual(circleOf({ p2: 0 }));
  });

  it('an inherited name such as "constructor" is not placed', () => {
    expect(codesAndPaths(issues(removeFromCircle(circle, id('constructor'))))).toEqual([
      ['not-placed', ['personId']],
    ]);
    expect(value(placeInCircle(circle, id('constructor'), 1)).placements).toEqual({
      p1: 2,
      p2: 0,
      constructor: 1,
    });
  });
});

describe('compareCircles: start against end of treatment [PP-CC]', () => {
  // Start: partner distant (ring 2), sister middle, colleague middle, ex in ring 0.
  const start = circleOf({ partner: 2, sister: 1, colleague: 1, ex: 0, neighbour: 2 });
  // End: partner closest, sister closer, colleague out, ex gone, a new friend, neighbour same.
  const end = circleOf({ partner: 0, sister: 0, colleague: 2, friend: 1, neighbour: 2 });

  it('reports who moved inward and outward, by how many rings', () => {
    const change = compareCircles(start, end);
    expect(change.movedInward).toEqual([
      { personId: 'partner', from: 2, to: 0, rings: 2 },
      { personId: 'sister', from: 1, to: 0, rings: 1 },
    ]);
    expect(change.movedOutward).toEqual([{ personId: 'colleague', from: 1, to: 2, rings: 1 }]);
  });

  it('reports who was added, who dropped out and who stayed', () => {
    const change = compareCircles(start, end);
    expect(change.added).toEqual([{ personId: 'friend', ring: 1 }]);
    expect(change.dropped).toEqual([{ personId: 'ex', ring: 0 }]);
    expect(change.unchanged).toEqual(['neighbour']);
  });

  it('counts people per ring in each circle', () => {
    expect(compareCircles(start, end).countsPerRing).toEqual({
      before: [1, 2, 2],
      after: [2, 1, 2],
    });
  });

  it('reports no change for a circle against itself', () => {
    expect(compareCircles(start, start)).toEqual({
      movedInward: [],
      movedOutward: [],
      added: [],
      dropped: [],
      unchanged: ['colleague', 'ex', 'neighbour', 'partner', 'sister'],
      ringCount: { before: 3, after: 3 },
      countsPerRing: { before: [1, 2, 2], after: [1, 2, 2] },
    });
  });

  it('swapping the arguments swaps inward with outward and added with dropped', () => {
    const forward = compareCircles(start, end);
    const backward = compareCircles(end, start);
    const flip = (moves: typeof forward.movedInward) =>
      moves.map((move) => ({ ...move, from: move.to, to: move.from }));
    expect(backward.movedInward).toEqual(flip(forward.movedOutward));
    expect(backward.movedOutward).toEqual(flip(forward.movedInward));
    expect(backward.added).toEqual(forward.dropped);
    expect(backward.dropped).toEqual(forward.added);
  });

  it('compares circles of different sizes by ring index, each count array its own length', () => {
    const four = circleOf({ partner: 3, sister: 1 }, 4);
    const change = compareCircles(four, start);
    expect(change.ringCount).toEqual({ before: 4, after: 3 });
    expect(change.countsPerRing.before).toEqual([0, 1, 0, 1]);
    expect(change.countsPerRing.after).toEqual([1, 2, 2]);
    expect(change.movedInward).toEqual([{ personId: 'partner', from: 3, to: 2, rings: 1 }]);
    expect(change.unchanged).toEqual(['sister']);
  });

  it('sorts every list by id in code-unit order', () => {
    const change = compareCircles(circleOf({}), circleOf({ b: 0, B: 0, '2': 1, '10': 1, a: 2 }));
    expect(change.added.map((placement) => placement.personId)).toEqual(['10', '2', 'B', 'a', 'b']);
  });

  it('returns a deeply frozen value and changes neither argument', () => {
    const before = structuredClone(start);
    const change = compareCircles(start, end);
    expect(start).toEqual(before);
    expect(Object.isFrozen(change.movedInward[0])).toBe(true);
    expect(Object.isFrozen(change.countsPerRing.before)).toBe(true);
  });
});

describe('Circle schema', () => {
  it('round-trips a circle', () => {
    const input = { ringCount: 4, placements: { p1: 0, p2: 3 } };
    expect(safeParseWith(Circle, input)).toEqual({ ok: true, value: input });
  });

  it.each([
    [{ ringCount: 3, placements: { p1: 3 } }, [['ring-out-of-range', ['placements', 'p1']]]],
    [{ ringCount: 3, placements: { p1: -1 } }, [['too-small', ['placements', 'p1']]]],
    [{ ringCount: 3, placements: { p1: 0.5 } }, [['invalid-type', ['placements', 'p1']]]],
    [{ ringCount: 0, placements: {} }, [['too-small', ['ringCount']]]],
    [{ ringCount: 3 }, [['invalid-type', ['placements']]]],
    [{ ringCount: 3, placements: [] }, [['invalid-type', ['placements']]]],
  ])('rejects %j', (input, expected) => {
    expect(codesAndPaths(issues(safeParseWith(Circle, input)))).toEqual(expected);
  });

  it('reports a placement keyed by a name by position only', () => {
    const found = issues(safeParseWith(Circle, { ringCount: 3, placements: { 'ZZSECRET Jo': 0 } }));
    expect(codesAndPaths(found)).toEqual([['invalid-key', ['placements']]]);
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });
});
