// The lab's results as a Markdown conformance report: the broker, then each experiment with what
// was expected, what happened, the verdict, and the packets that show it.
import { labTargetName } from '@shared/model/lab';
import type { LabResult, LabTarget } from './lab-types';

const VERDICT_WORDS = { pass: 'pass', fail: 'FAIL', 'not-run': 'not run' } as const;

export function verdictLine(result: LabResult): string {
  return `${VERDICT_WORDS[result.verdict]}${result.reason ? ` (${result.reason})` : ''}`;
}

export function labReport(target: LabTarget, results: readonly LabResult[], when = new Date()): string {
  const counts = (['pass', 'fail', 'not-run'] as const).map((verdict) => `${results.filter((result) => result.verdict === verdict).length} ${VERDICT_WORDS[verdict]}`).join(', ');
  const lines = [`# MQTT conformance report: ${labTargetName(target)}`, '', `${when.toISOString()} · MQTT Scope handshake lab · ${counts}`, ''];
  for (const result of results) {
    lines.push(`## ${result.title} — ${verdictLine(result)}`, '', `- Specification: ${result.clause}`, `- Expected: ${result.expectation}`, `- Observed: ${result.observation}`, '');
    for (const evidence of result.evidence) {
      if (evidence.packets.length === 0) continue;
      lines.push(`${evidence.label}:`, '', '```');
      for (const packet of evidence.packets) lines.push(`${packet.dir === 'c2s' ? '→' : '←'} ${packet.typeName.padEnd(11)} ${packet.hex}`);
      lines.push('```', '');
    }
  }
  return lines.join('\n');
}
