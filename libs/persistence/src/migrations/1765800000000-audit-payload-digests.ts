import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries gain a format and a payload digest. Entries written from now on are format 2:
 * their hash covers `payload_digest` (sha256 of the canonical JSON of the payload) in place of the
 * payload, so a confidential payload can be withheld from a reader while the chain still
 * verifies for everyone. Entries already written are format 1 and verify as they were written.
 * Adding columns changes no row, so the append-only triggers are untouched.
 */
export class AuditPayloadDigests1765800000000 implements MigrationInterface {
  name = 'AuditPayloadDigests1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_entries ADD COLUMN format integer NOT NULL DEFAULT 1');
    await q.query('ALTER TABLE audit_entries ADD COLUMN payload_digest varchar(64) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_entries DROP COLUMN payload_digest');
    await q.query('ALTER TABLE audit_entries DROP COLUMN format');
  }
}
