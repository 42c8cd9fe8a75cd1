import { compactDisputeV1 } from '@compact/workflows';
import { renderMermaid, stayingEvents } from './render-mermaid';

describe('renderMermaid', () => {
  const text = renderMermaid(compactDisputeV1.machine, compactDisputeV1.describeState);

  it('draws the escalation path from the machine definition', () => {
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('[*] --> raised');
    expect(text).toContain('state "Negotiation" as negotiation {');
    expect(text).toContain('negotiation --> mediation: REFER_TO_MEDIATION [referralUnlocked]');
    expect(text).toContain('mediation_ended --> formal: ESCALATE_FORMAL');
    expect(text).toContain('closed --> [*]');
  });

  it('lists events that keep the state instead of drawing them', () => {
    expect(stayingEvents(compactDisputeV1.machine)).toEqual(
      expect.arrayContaining(['ADD_NOTE', 'RECORD_MEETING', 'NEGOTIATION_PERIOD_ENDED', 'OMBUDSMAN_LIMIT_APPROACHING']),
    );
    expect(text).not.toContain(': ADD_NOTE');
  });
});
