// @ts-check
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const ELECTRON = ['electron', 'keytar', 'electron-store']
/** Node's built-in modules, with and without the `node:` prefix. */
const NODE = ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))]
/** Relative imports that reach into one of these top-level folders. */
const outside = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`])
const MAIN_ONLY = {
  group: outside('renderer', 'cli'),
  message: 'main/ never imports the renderer or a CLI.',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      // Deliberately insecure code that tests/integration/electronegativity.test.ts scans.
      'tests/fixtures/electronegativity-bad/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-undef': 'off' },
  },
  {
    files: ['*.config.ts', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Only main/ipc/register.ts talks to ipcMain.
    files: ['main/**/*.ts'],
    ignores: ['main/ipc/register.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "MemberExpression[object.name='ipcMain']",
          message: 'Register IPC only through main/ipc/register.ts.',
        },
      ],
    },
  },
  // One direction of dependencies (STYLE §1): renderer and main use core and the contract; core
  // uses nothing of theirs; preload sees only the contract. One block per zone, each with the
  // whole rule, because a later block replaces (does not merge) an earlier block's options.
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ELECTRON, 'react', 'react-dom', 'zustand', 'auth0', 'conf'],
          patterns: [
            { group: NODE, message: 'core/ is pure TypeScript: no Node API.' },
            { group: ['react/*', 'zustand/*'], message: 'core/ has no UI.' },
            {
              group: outside('main', 'renderer', 'preload', 'cli'),
              message: 'core/ imports only core/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'].map(
          (name) => ({ name, message: 'core/ runs in every host: no DOM or Node global.' }),
        ),
      ],
    },
  },
  {
    // Stateful Node services and the Sandbox: collaborators come in as ports (STYLE §3).
    files: ['main/services/**/*.ts', 'main/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ELECTRON, 'node:child_process', 'child_process'],
          patterns: [MAIN_ONLY],
        },
      ],
    },
  },
  {
    files: ['main/*.ts', 'main/ipc/**/*.ts', 'main/adapters/**/*.ts', 'main/web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [MAIN_ONLY] }] },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON,
          patterns: [
            {
              group: outside('renderer', 'preload'),
              message: 'A CLI runs core/ and main services only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            { group: NODE, message: 'The renderer has no Node access.' },
            {
              group: outside('main', 'cli'),
              message: 'The renderer talks to main only through window.api.',
            },
            {
              group: ['**/preload/contract', '**/preload/contract/*'],
              importNamePattern: '^(?!channels$|events$)',
              allowTypeImports: true,
              message: 'Import only types from the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload may require only 'electron'; the contract is types and constants.
    files: ['preload/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\./contract$)',
              message: 'The preload imports only electron and ./contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./core/',
              allowTypeImports: true,
              message: 'The contract re-exports types of core/, never values.',
            },
            {
              regex: '^(?!\\./|\\.\\./\\.\\./core/)',
              message: 'The contract imports only its own files and types of core/.',
            },
          ],
        },
      ],
    },
  },
  prettier,
)
