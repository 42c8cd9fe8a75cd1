import type { FormalRouteText } from '@compact/engine';

type FormalRoute = 'agreed-mechanism' | 'statutory' | 'ombudsman';

/** What a case's formal route looks like to the reading below (the same in every version so far). */
interface WithFormal {
  formal: { route: FormalRoute; body: string; reference: string } | null;
}

const ROUTES: Record<FormalRoute, string> = {
  'agreed-mechanism': 'an existing agreed dispute-resolution mechanism',
  statutory: 'a statutory dispute-resolution mechanism',
  ombudsman: 'the relevant ombudsman',
};

/** The formal route of section 6 the case was taken to, in v1 and v2 alike. */
export const formalRouteOf = (context: WithFormal): FormalRouteText | null =>
  context.formal ? { route: ROUTES[context.formal.route] ?? context.formal.route, body: context.formal.body, reference: context.formal.reference } : null;
