import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The core knows no platform: matching, clustering, ranking and the digest model never import
    // chat SDKs or the database driver (docs/architecture.md).
    files: ['src/feeds/**', 'src/match/**', 'src/stories/**', 'src/digest/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@slack/*', 'discord.js', 'better-sqlite3', 'pg', '**/chat/**', '**/store/sqlite/**', '**/store/postgres/**', '**/commands/**'],
            message: 'core pipeline modules must not depend on platform or storage code' },
        ],
      }],
    },
  },
);
