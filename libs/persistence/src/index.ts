export * from './data-source/database-url';
export * from './data-source/create-data-source';
export * from './data-source/typeorm-store';
export * from './data-source/serial-queue';
export * from './entities';
export * from './migrations';
