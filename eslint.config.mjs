// One type-aware ESLint configuration for the whole repository (server, transcoder, web app, bench, scripts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noCrossPackageRelativeImport from './tools/eslint/no-cross-package-relative-import.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'bench/out/', 'apps/web/src/api/schema.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Tests read JSON bodies and child-process output: typed `any` there is the norm, not a leak.
    files: ['**/test/**/*.ts', 'test-support/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    // An app is started by another, never imported: the apps' '#' entries serve test harnesses and benchmarks.
    files: ['apps/*/src/**/*.{ts,tsx}', 'transcoder/src/**/*.ts', 'libs/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#(control-plane|admission|ingest|transcoder|test-support)(/|$)',
              message: 'apps and libs do not import an app or test support; shared code belongs in a lib',
            },
          ],
        },
      ],
    },
  },
  {
    plugins: { project: { rules: { 'no-cross-package-relative-import': noCrossPackageRelativeImport } } },
    rules: { curly: ['error', 'multi-line'], 'project/no-cross-package-relative-import': 'error' },
  },
);
