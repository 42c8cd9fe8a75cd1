export * from './workflow/workflow-definition';
export * from './workflow/workflow-runtime';
export * from './workflow/deadline-resolver';
export * from './workflow/state-path';
export * from './audit/canonical-json';
export * from './audit/audit-chain';
export * from './step/step-case';
export * from './workflow/render-mermaid';
