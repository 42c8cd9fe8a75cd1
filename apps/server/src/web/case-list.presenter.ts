import type { CaseSummary } from '@compact/application';
import { joined } from './next-move-banner';

/** The "Your move" cell of the case list: the person's own move, or whom the case waits for. */
export function listedMoveText(move: CaseSummary['nextMove']): string {
  if (!move) return 'Nobody has to act by a date';
  if (move.yours) return `You must ${move.todo}`;
  return `Waiting for ${joined(move.who)} to ${move.todo}`;
}
