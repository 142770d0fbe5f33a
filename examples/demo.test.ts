import { describe, expect, test } from 'vitest';
import { demoLines } from './demo.js';

describe('examples/demo', () => {
  const lines = demoLines();

  test('lists every built-in protocol with its session range [ISIPT][IPTB][ALPF-IPC]', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}ipt {2,}12-16 +weekly/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}ipt-brief +8 +weekly/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}ipc +1-6 /));
    const start = lines.indexOf('Built-in protocols:');
    const table = lines.slice(start + 1, lines.indexOf('', start));
    expect(table.map((line) => line.trim().split(/\s+/)[0])).toEqual([
      'ipt',
      'ipt-brief',
      'ipc',
      'ipt-a',
      'group-ipt',
      'ipt-m',
      'ipsrt',
      'ipt-stuart-robertson',
    ]);
  });

  test('walks the IPSRT plan through its maintenance phase [IPSRT-W]', () => {
    expect(lines).toContain('  initial -> middle -> maintenance -> termination');
  });

  test('accepts a consistent custom protocol and reports every problem of a broken one', () => {
    expect(lines).toContain('  accepted: clinic-ipt, 14 sessions');
    const reported = lines.filter((line) => / at [a-zA-Z.\-0-9]+: /.test(line));
    expect(reported.map((line) => line.trim().split(/\s+/)[0])).toEqual([
      'range-inverted',
      'phase-plan-exceeds-total',
      'duplicate',
      'label-for-missing-area',
      'label-for-missing-area',
      'label-for-missing-area',
      'foci-exceed-areas',
    ]);
  });

  test('grief for a non-death loss is refused by Weissman IPT and allowed by Stuart & Robertson [CITC-G]', () => {
    expect(lines).toContain('  non-death loss as grief under ipt: grief-requires-death');
    expect(lines).toContain('  non-death loss as grief under ipt-stuart-robertson: allowed');
  });

  test('ends by running a short course of IPT', () => {
    expect(lines).toContain('A 12-session course of standard IPT:');
    expect(lines).toContain('  refused advance-phase: focus-required (11.2 [ALPF])');
  });
});
