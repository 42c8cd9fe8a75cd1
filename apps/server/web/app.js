// Progressive enhancement only: every page works without this script.
import { initAll } from '/public/govuk-frontend.min.js';

initAll();
