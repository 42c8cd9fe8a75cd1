export * from './data-source/database-url';
export * from './data-source/create-data-source';
export * from './data-source/typeorm-store';
export * from './entities';
export * from './migrations';
export * from './data-source/sqlite-unit-of-work-queue';
export * from './data-source/trust-changes';
