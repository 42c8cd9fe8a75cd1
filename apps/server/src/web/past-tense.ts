/**
 * The past tense of an action's label, for the case history ("Propose a resolution" → "proposed a
 * resolution"): the labels of every workflow version start with a verb in the imperative. English
 * rules with the irregular verbs and the doubled final consonants such labels use; a label whose
 * first word is not a verb this knows is kept as it is (`null`), so nothing reads wrongly.
 */
const IRREGULAR: Record<string, string> = {
  withdraw: 'withdrew', take: 'took', give: 'gave', send: 'sent', make: 'made', hold: 'held', meet: 'met',
  choose: 'chose', write: 'wrote', bring: 'brought', pay: 'paid', set: 'set', put: 'put', tell: 'told',
};
/** Verbs whose final consonant doubles (stress on the last syllable, or one short syllable). */
const DOUBLED = new Set(['refer', 'submit', 'admit', 'commit', 'omit', 'permit', 'transfer', 'prefer', 'stop', 'plan', 'regret']);
/** The verbs the labels begin with, so that a noun ("Deadline") is never conjugated. */
const KNOWN = new Set([
  'accept', 'acknowledge', 'add', 'agree', 'ask', 'close', 'confirm', 'declare', 'decline', 'escalate', 'propose', 'record',
  'refer', 'refuse', 'reject', 'report', 'withdraw', 'raise', 'request', 'reopen', 'submit', 'appoint', 'assign', 'answer',
  'mark', 'note', 'reply', 'send', 'give', 'make', 'offer', 'complete', 'end', 'start', 'open', 'move', 'update', 'cancel',
]);

export function pastTenseOf(verb: string): string {
  const v = verb.toLowerCase();
  if (IRREGULAR[v]) return IRREGULAR[v];
  if (DOUBLED.has(v)) return `${v}${v.at(-1)}ed`;
  if (v.endsWith('e')) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  return `${v}ed`;
}

/** "Propose a resolution" → "proposed a resolution"; null when the label does not start with a known verb. */
export function pastTenseLabel(label: string): string | null {
  const [first, ...rest] = label.split(' ');
  if (!KNOWN.has(first.toLowerCase())) return null;
  return [pastTenseOf(first), ...rest].join(' ');
}
