import { citationsIn } from '@compact/application';
import type { AuditEntry, CaseDocument, Organisation } from '@compact/domain';
import { actorText } from './case-page.presenter';
import { documentAbout } from './document-words';

/** One document of the case as its page lists it. */
export interface DocumentRow {
  id: string;
  name: string;
  /** "PDF, 24 KB". */
  about: string;
  /** Who attached it: "Pat Jones (Southampton City Council)", as the history names the step that cited it. */
  by: string;
  at: string;
}

/**
 * The documents that are part of the case (cited by an event), in the order the history cites
 * them, each with who attached it, named as the history names the person who took the step citing
 * it. Pending ones (attached, no event sent yet) are not part of the case and are left out.
 */
export function documentRows(documents: CaseDocument[], history: AuditEntry[], organisations: Organisation[], people: ReadonlyMap<string, string>): DocumentRow[] {
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name;
  const bySeq = new Map(history.map((e) => [e.seq, e]));
  const place = (d: CaseDocument) => {
    const citing = bySeq.get(d.citedSeq!);
    return citing ? citationsIn(citing).findIndex((c) => c.id === d.id) : -1;
  };
  return documents
    .filter((d) => d.citedSeq !== null)
    .sort((a, b) => a.citedSeq! - b.citedSeq! || place(a) - place(b))
    .map((d) => {
      const citing = bySeq.get(d.citedSeq!);
      return {
        id: d.id,
        name: d.name,
        about: documentAbout(d),
        by: citing ? actorText(citing.actor, orgName, people) : (orgName(d.attachedBy.organisationId) ?? 'an organisation'),
        at: d.attachedAt.toISOString(),
      };
    });
}

/** Documents attached for a form that was not sent, offered again (ticked) when it is shown again. */
export function keptDocumentItems(documents: CaseDocument[], ids: readonly string[]): Array<{ value: string; text: string; checked: boolean }> {
  return documents.filter((d) => d.citedSeq === null && ids.includes(d.id)).map((d) => ({ value: d.id, text: `${d.name} (${documentAbout(d)})`, checked: true }));
}
