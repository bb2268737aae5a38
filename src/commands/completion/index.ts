import { Argument, type Command } from '@commander-js/extra-typings';
import { lazy, type Runtime } from '../../program/action.js';

export function registerCompletion(program: Command, rt: Runtime): void {
  program
    .command('completion')
    .description('print the shell completion script: eval "$(atlascli completion bash)", or save it where your shell loads completions')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli completion fish > ~/.config/fish/completions/atlascli.fish\n  $ atlascli completion zsh > "${fpath[1]}/_atlascli"\n  $ eval "$(atlascli completion bash)"',
    )
    .action(lazy(rt, async () => (await import('./run.js')).script));
}
