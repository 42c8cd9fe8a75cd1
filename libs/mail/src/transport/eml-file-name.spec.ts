import { emlFileName } from './eml-file-mail-transport';

describe('emlFileName', () => {
  const mail = { messageId: '<5f0c3c4e-9d1a-4f57-9a55-2f6c1d0e7b21@disputes.example.org>', kind: 'sign-in', createdAt: new Date('2026-12-01T10:04:05.678Z') };

  it('names the file by when the message was queued, its kind and its outbox id', () => {
    expect(emlFileName(mail)).toBe('2026-12-01T10-04-05.678Z_sign-in_5f0c3c4e-9d1a-4f57-9a55-2f6c1d0e7b21.eml');
  });

  it('sorts by name in the order the messages were queued', () => {
    const later = emlFileName({ ...mail, kind: 'reminder', messageId: '<0000@x>', createdAt: new Date('2026-12-01T10:04:05.679Z') });
    expect([later, emlFileName(mail)].sort()).toEqual([emlFileName(mail), later]);
  });

  it('gives the same row the same name every time (a row sent again overwrites its own file)', () => {
    expect(emlFileName({ ...mail })).toBe(emlFileName(mail));
  });
});
