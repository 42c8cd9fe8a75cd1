import type { InstalledWorkflow, WorkflowMigration } from '@compact/engine';
import { compactDisputeV1Reading } from './compact-dispute/v1.reading';
import { compactDisputeV1 as compactDisputeV1Definition } from './compact-dispute/v1.workflow';
import { compactDisputeV2FromV1 } from './compact-dispute/v2.migrate-from-v1';
import { compactDisputeV2Reading } from './compact-dispute/v2.reading';
import { compactDisputeV2 as compactDisputeV2Definition } from './compact-dispute/v2.workflow';

/** v1 as released, with how it is read (kept beside it in v1.reading.ts). */
export const compactDisputeV1: InstalledWorkflow = { ...compactDisputeV1Definition, reading: compactDisputeV1Reading };

/** v2 as released, with how it is read (v2.reading.ts). */
export const compactDisputeV2: InstalledWorkflow = { ...compactDisputeV2Definition, reading: compactDisputeV2Reading };

/** Every released workflow version, oldest first. A case names the one it is pinned to. */
export const WORKFLOWS: readonly InstalledWorkflow[] = [compactDisputeV1, compactDisputeV2];

/** Every declared migration of running cases between versions. */
export const WORKFLOW_MIGRATIONS: readonly WorkflowMigration[] = [compactDisputeV2FromV1];

/** The version new cases start on unless WORKFLOW_DEFAULT says otherwise. */
export const DEFAULT_WORKFLOW = 'compact-dispute/v2';

export type { DisputeContext, DisputeEvent } from './compact-dispute/v1.types';
export type { DisputeContext as DisputeContextV2, DisputeEvent as DisputeEventV2 } from './compact-dispute/v2.types';
