// Jest runs in CommonJS mode: the NestJS 11 packages are CommonJS (see README, "Development").
const aliases = {
  '^@compact/domain$': '<rootDir>/libs/domain/src',
  '^@compact/calendar$': '<rootDir>/libs/calendar/src',
  '^@compact/engine$': '<rootDir>/libs/engine/src',
  '^@compact/persistence$': '<rootDir>/libs/persistence/src',
  '^@compact/mail$': '<rootDir>/libs/mail/src',
  '^@compact/application$': '<rootDir>/libs/application/src',
  '^@compact/workflows$': '<rootDir>/workflows',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: aliases,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,workflows,apps}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.db\\.spec\\.ts$'],
    },
    {
      ...common,
      displayName: 'db',
      testMatch: ['<rootDir>/{libs,apps}/**/*.db.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
