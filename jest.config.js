/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // any-ascii ships only as an ES module; jest's module system needs it compiled to CommonJS.
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  transformIgnorePatterns: ['/node_modules/(?!any-ascii/)'],
  testTimeout: 30000,
  maxWorkers: 2,
};
