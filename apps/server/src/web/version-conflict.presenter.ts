import type { AuditEntry, Organisation } from '@compact/domain';
import type { EventDefinition, WorkflowDefinition } from '@compact/engine';
import { timeline } from './case-page.presenter';
import { confirmationRows } from './confirm-ending.presenter';

/** The banner of a case page whose form was sent after someone else had changed the case. */
export interface ConflictBanner {
  title: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * What changed while the person was deciding (the entries after the last one their page showed),
 * and, when the form they sent is no longer offered, what they typed, so that nothing is lost.
 */
export function conflictBanner(
  history: AuditEntry[],
  seenSeq: number | undefined,
  wf: WorkflowDefinition,
  organisations: Organisation[],
  sent: { def: EventDefinition<unknown>; values: Record<string, string>; stillOffered: boolean },
): ConflictBanner {
  const since = seenSeq === undefined ? [] : history.filter((e) => e.seq > seenSeq);
  const changes = timeline(since, wf, organisations)
    .reverse()
    .map((item) => `<li>${escape(item.title)}</li>`);
  const kept = confirmationRows(sent.def, sent.values).map((row) => `<li>${escape(row.key.text)}: ${escape(row.value.text)}</li>`);
  const parts = [
    `<p class="govuk-notification-banner__heading">Someone else changed this case while you were deciding. Nothing you sent was applied.</p>`,
    changes.length > 0 ? `<p class="govuk-body">Since you opened the page:</p><ul class="govuk-list govuk-list--bullet">${changes.join('')}</ul>` : '',
    sent.stillOffered
      ? `<p class="govuk-body">What you typed is kept in the form below (“${escape(sent.def.label)}”): check it against the case as it stands now, then send it again.</p>`
      : `<p class="govuk-body">“${escape(sent.def.label)}” is no longer possible at this stage.${kept.length > 0 ? ' What you typed:' : ''}</p>${kept.length > 0 ? `<ul class="govuk-list">${kept.join('')}</ul>` : ''}`,
  ];
  return { title: 'Important', html: parts.join('') };
}
