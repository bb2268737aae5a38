/**
 * `--query <expr>`: a JMESPath expression (@jmespath-community/jmespath, loaded only when
 * the flag is given) applied to what `-o json` would print (a list is the array).
 */
import { UsageError } from '../errors.js';

/** A checked expression: `run(data)` gives the expression's value for the JSON document `data`. */
export interface Query {
  expression: string;
  /** @throws UsageError when the expression fails on the data (a function given the wrong type) */
  run(data: unknown): unknown;
}

/**
 * Parses `expression` (before any request is sent).
 * @throws UsageError (exit 2) when it is empty or does not parse, naming where
 */
export async function compileQuery(expression: string): Promise<Query> {
  if (expression.trim() === '') throw new UsageError('--query needs a JMESPath expression', 'e.g. --query "[].name"');
  const { compile, TreeInterpreter } = await import('@jmespath-community/jmespath');
  let ast: ReturnType<typeof compile>;
  try {
    ast = compile(expression);
  } catch (e) {
    throw new UsageError(`invalid --query ${JSON.stringify(expression)}: ${oneLine(e)}`, 'the syntax: https://jmespath.site');
  }
  return {
    expression,
    run(data) {
      try {
        return TreeInterpreter.search(ast, data as Parameters<typeof TreeInterpreter.search>[1]);
      } catch (e) {
        throw new UsageError(`--query ${JSON.stringify(expression)} failed: ${oneLine(e)}`);
      }
    },
  };
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}
