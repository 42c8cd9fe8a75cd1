import { AnnualReport } from '@compact/application';

/** A report as the use case builds it, with made-up figures. */
export function sampleReport(over: Partial<AnnualReport> = {}): AnnualReport {
  return {
    year: 2025,
    status: 'draft',
    generatedAt: '2025-12-31T12:00:00.000Z',
    minCount: 5,
    licence: { name: 'OGL-UK-3.0', title: 'Open Government Licence v3.0' },
    register: [
      {
        name: 'cases-by-quarter',
        title: 'Cases by quarter',
        description: 'Cases raised, resolved and withdrawn in each quarter.',
        fields: [
          { name: 'quarter', type: 'string', title: 'Quarter' },
          { name: 'raised', type: 'integer', title: 'Raised' },
        ],
        rows: [
          { quarter: 'Q1', raised: 17 },
          { quarter: 'Q2', raised: null },
        ],
        withheldText: 'fewer than 5',
      },
    ],
    feedback: [
      {
        name: 'feedback-by-stage',
        title: 'Feedback by stage reached',
        description: 'Response rates and scores.',
        fields: [
          { name: 'stage', type: 'string', title: 'Stage reached' },
          { name: 'responses', type: 'integer', title: 'Responses' },
        ],
        rows: [{ stage: 'Negotiation', responses: 23 }],
        withheldText: 'fewer than 5',
      },
    ],
    mostCited: null,
    lessons: 'Notice periods were too short.\n\nConsultations ran 6 weeks.',
    boardResponse: 'The council will give 3 months’ notice.',
    lastSaved: null,
    signedOff: null,
    version: 1,
    ...over,
  };
}
