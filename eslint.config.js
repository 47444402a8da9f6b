// Lint: type-aware rules (typescript-eslint) and the import zones that keep the
// extension's contexts apart (issue #16). typescript-eslint reads types through the
// TypeScript compiler API, which tsc 7 (native, `typescript-native`) does not have:
// the `typescript` package here is 6.0.3 for tools; `npm run typecheck` runs tsc 7.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const BACKGROUND = ['**/background', '**/background/**'];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'extension/', '.tmp/', 'bench/', 'scripts/', 'tests/', '*.mjs', '*.js'],
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The page and the extension's pages talk to the worker only through messages.
    files: ['src/content/**', 'src/popup/**', 'src/options/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: BACKGROUND, message: 'Talk to the worker through src/shared/protocol.ts messages.' }] },
      ],
    },
  },
  {
    // The TimeCamp API client knows URLs and wire formats and nothing else of the worker.
    files: ['src/background/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./shared/)',
              message: 'api/ imports nothing else of the worker (only src/shared and packages).',
            },
          ],
        },
      ],
    },
  },
);
