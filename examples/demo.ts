/**
 * The iptkit demo: what the library knows about IPT protocols and problem areas, and how it
 * checks a custom protocol and a focus. Run it with `npx tsx examples/demo.ts`
 * (`npm run demo` runs the `iptkit demo` command instead).
 */
import { pathToFileURL } from 'node:url';
import { runCourseLines } from './run-a-course.js';
import {
  checkFocusForProtocol,
  defineProtocol,
  disputeStages,
  Focus,
  parseWith,
  nextPhase,
  problemAreaLabel,
  problemAreas,
  protocols,
  type Phase,
} from '../src/index.js';

/**
 * Builds the demo's report as lines of text (the test checks them; the script prints them).
 * @returns The lines of the demo.
 */
export function demoLines(): string[] {
  const lines: string[] = ['iptkit demo', '', 'Built-in protocols:'];
  for (const protocol of Object.values(protocols)) {
    const { min, max } = protocol.sessions;
    const range = max === undefined ? `${min}+` : min === max ? `${min}` : `${min}-${max}`;
    const phases = protocol.phases.map((plan) => plan.label).join(' -> ');
    lines.push(
      `  ${protocol.id.padEnd(21)} ${range.padEnd(6)} ${protocol.cadence.default.padEnd(8)} ${phases}`,
    );
  }

  lines.push('', 'How manuals name the problem areas:');
  for (const area of Object.values(problemAreas)) {
    const labels = Object.values(protocols)
      .map((protocol) => problemAreaLabel(protocol, area.id))
      .filter((label): label is string => label !== undefined);
    lines.push(`  ${area.id.padEnd(23)} ${[...new Set(labels)].join(' | ')}`);
  }

  lines.push('', 'Walking the IPSRT phase plan:');
  let phase: Phase | undefined = 'initial';
  const walk: Phase[] = [];
  while (phase !== undefined) {
    walk.push(phase);
    phase = nextPhase(protocols.ipsrt, phase);
  }
  lines.push(`  ${walk.join(' -> ')}`);

  lines.push('', 'A clinic defines its own 14-session protocol:');
  const clinic = defineProtocol({
    ...protocols.ipt,
    id: 'clinic-ipt',
    name: 'Clinic IPT (14 sessions)',
    sessions: { min: 14, max: 14, sources: ['clinic standard operating procedure'] },
  });
  lines.push(
    clinic.ok
      ? `  accepted: ${clinic.value.id}, ${clinic.value.sessions.min} sessions`
      : '  rejected',
  );

  lines.push('', 'An inconsistent protocol is rejected with every problem and its path:');
  const broken = defineProtocol({
    ...protocols.ipt,
    id: 'broken',
    sessions: { min: 4, max: 3, sources: ['draft'] },
    problemAreas: { ...protocols.ipt.problemAreas, areas: ['grief', 'grief'] },
  });
  if (!broken.ok) {
    for (const found of broken.error.issues) {
      lines.push(`  ${found.code.padEnd(34)} at ${found.path.join('.')}: ${found.message}`);
    }
  }

  lines.push('', 'Checking foci against manuals:');
  const focus = parseWith(Focus, { area: 'grief', loss: 'other' });
  for (const protocol of [protocols.ipt, protocols['ipt-stuart-robertson']]) {
    const problems = checkFocusForProtocol(protocol, focus);
    lines.push(
      `  non-death loss as grief under ${protocol.id}: ${problems.length === 0 ? 'allowed' : problems.map((found) => found.code).join(', ')}`,
    );
  }
  lines.push(`  impasse means: ${disputeStages.impasse.treatmentImplication}`);

  lines.push('', ...runCourseLines());
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(demoLines().join('\n'));
}
