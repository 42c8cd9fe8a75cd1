import type { WorkflowDefinition } from '@compact/engine';
import { compactDisputeV1 } from './compact-dispute/v1.workflow';

/** Every released workflow version. A case names the one it is pinned to. */
export const WORKFLOWS: readonly WorkflowDefinition[] = [compactDisputeV1];

/** The version new cases start on. */
export const CURRENT_WORKFLOW = compactDisputeV1;

export { compactDisputeV1 };
export type { DisputeContext, DisputeEvent } from './compact-dispute/v1.types';
