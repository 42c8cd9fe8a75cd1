/**
 * When the mediator and each party may exchange confidential notes, the same in every version so
 * far (v1 and v2): while the mediator who accepted the referral is mediating.
 */
export const whileMediating = (statePath: string): boolean => statePath === 'mediation.inMediation';
