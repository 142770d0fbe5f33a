/**
 * `npm run bench`: iptkit's benchmarks. Not tests: they print ratios against a baseline measured in
 * the same run and never fail the build.
 */
import { defineProtocol, Protocol, protocols } from '../src/index.js';
import { measure, report } from './harness.js';

const input: unknown = structuredClone(protocols.ipt);

console.log('defineProtocol: iptkit validation against a bare zod safeParse of the same schema');
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
