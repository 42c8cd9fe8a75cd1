import type { CaseSummary } from '@compact/application';

const joined = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** The "Your move" cell of the case list: the person's own move, or whom the case waits for. */
export function listedMoveText(move: CaseSummary['nextMove']): string {
  if (!move) return 'Nobody has to act by a date';
  if (move.yours) return `You must ${move.todo}`;
  return `Waiting for ${joined(move.who)} to ${move.todo}`;
}
