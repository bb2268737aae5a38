// `npm run lint`: typescript-eslint's recommended rules, and the rules that hold the
// architecture (ARCHITECTURE.md's layers): no import cycles; the core (src/atlas/), the
// renderer (src/output/) and the settings (src/settings/) never import the program or the
// commands; the renderer does not import the core; the core names no CLI command.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import paths that lead into the program or the commands, from anywhere under src/. */
const PROGRAM_AND_COMMANDS = [
  { group: ['**/commands/**', '**/program/**'], message: 'the core, the renderer and the settings never import the program or the commands: pass what they need in' },
];

/** A string or template that names a command of the CLI (`atlascli cluster get …`). */
const NAMES_A_COMMAND = /\batlascli [a-z]/;

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'scratch/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      // `_` marks a parameter or binding kept for its position (tsc's noUnusedParameters agrees)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // matching control characters is this code's job, not a slip: terminal escapes are
      // stripped from what reaches a terminal, control characters refused in names
      'no-control-regex': 'off',
      // `let { api, value: doc } = …` where only doc changes stays one statement
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // tests read Atlas's open JSON documents (`(doc as any).links`) and poke at internals
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.test.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/atlas/**/*.ts', 'src/settings/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: PROGRAM_AND_COMMANDS }] },
  },
  {
    files: ['src/output/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PROGRAM_AND_COMMANDS, { group: ['**/atlas/**'], message: 'the renderer does not import the core: it is handed plain data' }] },
      ],
    },
  },
  {
    files: ['src/atlas/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${NAMES_A_COMMAND}]`, message: 'the core names no CLI command: the program or the command adds such a hint' },
        { selector: `TemplateElement[value.raw=${NAMES_A_COMMAND}]`, message: 'the core names no CLI command: the program or the command adds such a hint' },
      ],
    },
  },
  {
    // plain JavaScript run by Node: the bin, the build and bench scripts, the bundle shims
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
