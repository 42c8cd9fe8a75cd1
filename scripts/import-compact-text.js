#!/usr/bin/env node
/*
 * Converts a local Compact published as plain text (the layout of the Southampton Compact:
 * numbered section headings, "Undertakings for ..." group headings, numbered undertakings,
 * and a final "Dispute Resolution" section) into the catalog JSON the service loads.
 *
 *   node scripts/import-compact-text.js <compact.txt> <id> > compacts/<id>.json
 *
 * Texts are carried verbatim. An unnumbered paragraph inside a group becomes an undertaking
 * whose id is the preceding number plus a letter ("3.11a"), flagged `unnumbered: true`.
 */
'use strict';
const fs = require('node:fs');

function sideOf(heading) {
  if (/public bodies/i.test(heading)) return 'public-bodies';
  if (/\bVCS\b/.test(heading)) return 'vcs';
  throw new Error(`Cannot tell which side this heading binds: "${heading}"`);
}

function importCompact(text, id) {
  const paragraphs = text.split(/\r?\n\s*\r?\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const name = paragraphs.shift();
  const compact = { format: 'compact-catalog/v1', id, name, introduction: '', sections: [], disputeResolution: null };
  let section = null;
  let group = null;
  let lastId = null;
  let suffix = 0;
  let inIntroduction = false;
  for (const p of paragraphs) {
    const sectionMatch = /^(\d+)\. (.+)$/.exec(p);
    const undertakingMatch = /^(\d+\.\d+) (.+)$/.exec(p);
    if (p === 'Introduction') {
      inIntroduction = true;
    } else if (sectionMatch && /dispute resolution/i.test(sectionMatch[2])) {
      compact.disputeResolution = { section: sectionMatch[1], title: sectionMatch[2], text: '' };
      section = null;
      inIntroduction = false;
    } else if (compact.disputeResolution) {
      compact.disputeResolution.text = [compact.disputeResolution.text, p].filter(Boolean).join('\n\n');
    } else if (sectionMatch) {
      section = { number: sectionMatch[1], title: sectionMatch[2], groups: [] };
      compact.sections.push(section);
      group = null;
      inIntroduction = false;
    } else if (/^Undertakings for .+:$/.test(p)) {
      if (!section) throw new Error(`Group heading outside a section: "${p}"`);
      group = { heading: p.replace(/:$/, ''), binds: sideOf(p), undertakings: [] };
      section.groups.push(group);
    } else if (undertakingMatch && group) {
      lastId = undertakingMatch[1];
      suffix = 0;
      group.undertakings.push({ id: lastId, text: undertakingMatch[2] });
    } else if (group && lastId) {
      suffix += 1;
      const id = lastId + String.fromCharCode(96 + suffix);
      group.undertakings.push({ id, text: p, unnumbered: true });
    } else if (inIntroduction) {
      compact.introduction = [compact.introduction, p].filter(Boolean).join('\n\n');
    } else {
      throw new Error(`Unrecognised paragraph: "${p.slice(0, 60)}"`);
    }
  }
  if (!compact.disputeResolution) throw new Error('No dispute resolution section found');
  return compact;
}

if (require.main === module) {
  const [file, id] = process.argv.slice(2);
  if (!file || !id) {
    console.error('usage: node scripts/import-compact-text.js <compact.txt> <id>');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(importCompact(fs.readFileSync(file, 'utf8'), id), null, 2) + '\n');
}

module.exports = { importCompact };
