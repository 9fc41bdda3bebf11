// Lint configuration. The layering rules are the point: src/core is pure,
// effects live in src/node, and only src/vscode may import `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'os',
  'process',
  'worker_threads',
  'dgram',
  'tls',
];
const effectModules = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'execa'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-test/**',
      'test/standin/dist/**',
      'node_modules/**',
      '**/*.vsix',
      '.test-state/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      curly: 'error',
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is pure: vscode belongs in src/vscode.' },
            ...effectModules.map((name) => ({
              name,
              message: 'src/core is pure: effects come in through interfaces from src/node.',
            })),
          ],
          patterns: [
            {
              group: ['**/node/**', '**/vscode/**', '**/cli/**'],
              message: 'src/core depends on nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: pass the environment in.' },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only src/vscode may import vscode.' }],
          patterns: [
            {
              group: ['**/vscode/**', '**/cli/**'],
              message: 'src/node sits below src/vscode and src/cli.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The command line runs without VS Code.' }],
          patterns: [
            { group: ['**/vscode/**'], message: 'The command line runs without VS Code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
