import { expect } from 'vitest';
import { UsageError } from '../../src/errors.js';

/** Runs `fn`, expects it to throw a UsageError (exit 2), and returns the error. */
export function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}
