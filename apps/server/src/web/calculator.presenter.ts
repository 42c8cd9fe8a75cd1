import { CalculatorAnswer, weeksAndDays } from '@compact/application';
import { formatLongDate } from '@compact/calendar';
import { DateWording } from './date-input';

/** One date question of a calculator page: its boxes' name, what it asks, and how its errors read. */
export interface DateQuestion {
  name: string;
  legend: string;
  hint: string;
  wording: DateWording;
}

/** What differs between the two calculator pages. */
export interface CalculatorPage {
  tool: CalculatorAnswer['tool'];
  path: string;
  title: string;
  intro: string;
  dates: [DateQuestion, DateQuestion];
  /** The message when the second date comes before the first. */
  wrongOrder: string;
  button: string;
}

export const NOTICE_PAGE: CalculatorPage = {
  tool: 'notice',
  path: '/tools/notice',
  title: 'Check the notice of a funding change',
  intro:
    'Public bodies and agencies that sign the Compact undertake to give at least three months’ notice in writing when they change or end ' +
    'funding or other support. Enter the dates to check whether the notice you were given was long enough.',
  dates: [
    {
      name: 'given',
      legend: 'When were you told that the funding would change or end?',
      hint: 'The date of the notice in writing. For example, 1 12 2026',
      wording: { missing: 'Enter the date you were told', subject: 'The date you were told' },
    },
    {
      name: 'ends',
      legend: 'When does the funding change or end?',
      hint: 'For example, 31 1 2027',
      wording: { missing: 'Enter the date the funding changes or ends', subject: 'The date the funding changes or ends' },
    },
  ],
  wrongOrder: 'The date the funding changes or ends must be the same as or after the date you were told',
  button: 'Check the notice',
};

export const CONSULTATION_PAGE: CalculatorPage = {
  tool: 'consultation',
  path: '/tools/consultation',
  title: 'Check the length of a consultation',
  intro:
    'Public bodies and agencies that sign the Compact undertake, where it is appropriate, to run formal written consultations for 12 weeks. ' +
    'Enter the dates to check whether a consultation is that long.',
  dates: [
    {
      name: 'opens',
      legend: 'When does the consultation open?',
      hint: 'For example, 4 1 2027',
      wording: { missing: 'Enter the date the consultation opens', subject: 'The date the consultation opens' },
    },
    {
      name: 'closes',
      legend: 'When does it close?',
      hint: 'The last day responses can be sent. For example, 29 3 2027',
      wording: { missing: 'Enter the date the consultation closes', subject: 'The date the consultation closes' },
    },
  ],
  wrongOrder: 'The date the consultation closes must be the same as or after the date it opens',
  button: 'Check the consultation',
};

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const daysText = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** A calculator's answer as its result shows it: the verdict, the figures, and the words. */
export function resultView(a: CalculatorAnswer) {
  const long = formatLongDate;
  if (a.tool === 'notice') {
    return {
      enough: a.enough,
      headline: a.enough ? 'This is at least three months’ notice' : 'This is less than three months’ notice',
      rows: [
        row('You were told on', long(a.given)),
        row('The funding changes or ends on', long(a.ends)),
        row('Notice given', daysText(a.noticeDays)),
        row('Three months from the date you were told', long(a.earliestEnd)),
        row('Short by', a.enough ? 'Not short' : daysText(a.shortfallDays)),
        row('Notice should have been given by', long(a.noticeDueBy)),
      ],
      explanation: a.explanation,
      sections: [
        { heading: 'How months are counted', text: a.howCounted },
        { heading: 'When less notice is allowed', text: a.exception },
      ],
      undertaking: a.undertaking,
    };
  }
  return {
    enough: a.enough,
    headline: a.enough ? 'This consultation runs for at least 12 weeks' : 'This consultation is shorter than 12 weeks',
    rows: [
      row('Opens on', long(a.opens)),
      row('Closes on', long(a.closes)),
      row('Length', `${daysText(a.lengthDays)} (${weeksAndDays(a.lengthDays)})`),
      row('12 weeks from the opening', long(a.earliestClose)),
      row('Short by', a.enough ? 'Not short' : daysText(a.shortfallDays)),
    ],
    explanation: a.explanation,
    sections: [
      { heading: 'How the days are counted', text: a.howCounted },
      { heading: 'When a shorter consultation is allowed', text: a.exception },
    ],
    undertaking: a.undertaking,
  };
}
