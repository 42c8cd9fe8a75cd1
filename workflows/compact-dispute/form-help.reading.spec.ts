import { compactDisputeV1 } from './v1.workflow';
import { compactDisputeV2 } from './v2.workflow';
import { V1_FORM_HELP, V2_FORM_HELP } from './form-help.reading';

const names = { claimant: 'Hope Community Trust', respondent: 'Southampton City Council', mediator: 'Compact Voice' };

describe("the case page forms' words for the person sending them", () => {
  it.each([
    ['v1', V1_FORM_HELP, compactDisputeV1.events],
    ['v2', V2_FORM_HELP, compactDisputeV2.events],
  ])('speak in %s of events the version has, never of "the party who/that"', (_v, help, events) => {
    for (const [type, words] of Object.entries(help)) {
      expect({ type, known: Object.hasOwn(events, type) }).toEqual({ type, known: true });
      const text = words({ proposal: { by: 'respondent' } }, names);
      expect({ type, text }).toEqual({ type, text: expect.not.stringMatching(/the party (who|that)|party owed/i) });
      // The released description does speak in the abstract: the help replaces it, not repeats it.
      expect(text).not.toBe(events[type].description);
    }
  });

  it("names whose proposal is being answered", () => {
    expect(V2_FORM_HELP.ACCEPT_RESOLUTION({ proposal: { by: 'respondent' } }, names)).toMatch(/^Accept Southampton City Council's proposal\./);
    expect(V1_FORM_HELP.REJECT_RESOLUTION({ proposal: { by: 'claimant' } }, names)).toMatch(/^Turn down Hope Community Trust's proposal/);
  });
});
