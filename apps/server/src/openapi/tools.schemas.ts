import type { ConsultationAnswer, NoticeAnswer } from '@compact/application';
import { boolean, integer, localDate, nullable, objectOf, oneOfValues, ref, Schema, text } from './schema-builders';

const days = (description: string) => integer(description, { minimum: 0 });

/** The words every calculator answer carries. */
const words = {
  undertaking: nullable(ref('Undertaking'), 'The undertaking checked, verbatim from the Compact in force (null if that Compact has none with this id)'),
  explanation: text('The answer in plain words, with the dates'),
  howCounted: text('How the period is counted'),
  exception: text('What the undertaking allows instead, in words'),
};

export const TOOLS_SCHEMAS: Record<string, Schema> = {
  NoticeCheck: objectOf<NoticeAnswer>(
    {
      tool: oneOfValues(['notice']),
      months: integer('The months of notice undertaking 4.5 asks for (3)', { minimum: 1 }),
      given: localDate('When notice was given'),
      ends: localDate('When the funding ends or changes'),
      noticeDays: days('Calendar days from `given` to `ends`'),
      earliestEnd: localDate('The earliest end three calendar months’ notice on `given` allows'),
      noticeDueBy: localDate('The latest date notice could have been given for an end on `ends`'),
      enough: boolean('Whether it is at least three months’ notice'),
      shortfallDays: days('Days by which the notice falls short (0 when enough): from `ends` to `earliestEnd`'),
      ...words,
    },
    { description: 'Undertaking 4.5: is it at least three months’ notice?' },
  ),
  ConsultationCheck: objectOf<ConsultationAnswer>(
    {
      tool: oneOfValues(['consultation']),
      weeks: integer('The weeks undertaking 2.4 asks for (12)', { minimum: 1 }),
      opens: localDate('The day the consultation opens'),
      closes: localDate('The day it closes'),
      lengthDays: days('Calendar days from `opens` to `closes` (a Monday to the Monday 12 weeks later is 84)'),
      earliestClose: localDate('The earliest close that gives 12 weeks'),
      enough: boolean('Whether it runs for at least 12 weeks'),
      shortfallDays: days('Days short of 12 weeks (0 when enough)'),
      ...words,
    },
    { description: 'Undertaking 2.4: is the consultation 12 weeks long?' },
  ),
};
