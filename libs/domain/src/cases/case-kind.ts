export const CASE_KINDS = ['breach', 'disagreement'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
