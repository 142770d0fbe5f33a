/**
 * `npm run bench`: iptkit's benchmarks. Not tests: they print ratios against a baseline measured in
 * the same run and never fail the build.
 */
import * as z from 'zod';
import {
  CourseEvent,
  defineProtocol,
  execute,
  Protocol,
  protocols,
  replay,
  scorePhq9,
} from '../src/index.js';
import { courseStream } from './course-streams.js';
import { measure, report } from './harness.js';

console.log('scorePhq9 against validating the same answers with a bare zod strict object');
const answer = z.int().min(0).max(3);
const bareSchema = z.strictObject(
  Object.fromEntries(Array.from({ length: 9 }, (_, index) => [`item${index + 1}`, answer])),
);
const answers = {
  item1: 2,
  item2: 2,
  item3: 1,
  item4: 2,
  item5: 1,
  item6: 1,
  item7: 1,
  item8: 0,
  item9: 1,
};
const bareAnswers = measure('bare zod strict object', () => bareSchema.safeParse(answers));
const phq = measure('scorePhq9', () => scorePhq9(answers));
report(bareAnswers, phq, 2);
console.log(
  `scorePhq9 throughput: ${Math.round(phq.opsPerSecond).toLocaleString('en')}/s ` +
    `(budget >= 1,000,000/s: ${phq.opsPerSecond >= 1_000_000 ? 'within' : 'UNDER'})`,
);

console.log('\ndefineProtocol against a bare zod safeParse of the same schema');
const input: unknown = structuredClone(protocols.ipt);
const bare = measure('bare zod safeParse', () => Protocol.safeParse(input));
const full = measure('defineProtocol (validate + freeze)', () => defineProtocol(input));
report(bare, full);
const broken: unknown = {
  ...structuredClone(protocols.ipt),
  sessions: { min: 4, max: 3, sources: ['x'] },
};
const bareInvalid = measure('bare zod safeParse (invalid)', () => Protocol.safeParse(broken));
const fullInvalid = measure('defineProtocol (invalid, issues mapped)', () =>
  defineProtocol(broken),
);
report(bareInvalid, fullInvalid);

console.log('\nreplay against validating the same events with their zod schema alone');
const eventList = z.array(CourseEvent);
for (const length of [200, 1000]) {
  const stream = courseStream(length);
  const validateOnly = measure(`validate ${length} events`, () => eventList.safeParse(stream));
  const replayed = measure(`replay ${length} events`, () => replay(stream));
  report(validateOnly, replayed, 2);
}

console.log('\nreplay is linear in the number of events');
const half = courseStream(50_000);
const full100k = courseStream(100_000);
const replayHalf = measure('replay 50,000 events', () => replay(half), 3000);
const replayFull = measure('replay 100,000 events', () => replay(full100k), 3000);
report(replayHalf, replayFull, 2.3);

console.log('\nexecute one more command on a 200-event course against replaying those 200 events');
const course200 = courseStream(200);
const built = replay(course200);
if (!built.ok) throw new Error('benchmark stream did not replay');
const nextCommand = {
  type: 'record-mood',
  rating: { date: '2027-12-31', value: 5 },
} as const;
const replay200 = measure('replay 200 events', () => replay(course200));
const executeOne = measure('execute 1 command', () => execute(built.value, nextCommand));
report(replay200, executeOne, 0.5);
