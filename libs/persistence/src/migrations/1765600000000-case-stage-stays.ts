import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Audit entries read per statement while filling in the stays of the cases already there. */
const ENTRIES_PER_PAGE = 5000;
/** Stays written per INSERT (six bound values each). */
const STAYS_PER_INSERT = 100;

interface Stay {
  caseId: string;
  seq: number;
  stage: string;
  enteredAt: number;
  leftAt: number | null;
}

/**
 * case_stage_stays: each stay of a case in a top-level stage (the first segment of its state path),
 * from the audit entry that took it there, so that the board's median time in each stage is an
 * aggregate and never a walk through every trail. A case's current stay is open (left_at null);
 * a completed one keeps its length, indexed by stage. From now on the one path of every change of a
 * case writes them in the transaction of the change; here they are filled in, once, for the cases
 * already there, from their trails, read in pages in (case, seq) order: a new stay starts at each
 * entry whose to-state's top-level stage differs from the entry before.
 */
export class CaseStageStays1765600000000 implements MigrationInterface {
  name = 'CaseStageStays1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'case_stage_stays',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'entered_seq', type: 'integer', isPrimary: true },
          { name: 'stage', type: 'varchar', length: '64' },
          { name: 'entered_at', type: 'bigint' },
          { name: 'left_at', type: 'bigint', isNullable: true },
          { name: 'duration_ms', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] }],
        indices: [{ name: 'ix_case_stage_stays_length', columnNames: ['stage', 'duration_ms'] }],
      }),
    );
    await this.fillIn(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_stage_stays', true);
  }

  private async fillIn(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    const bind = (i: number) => (postgres ? `$${i}` : '?');
    const pending: Stay[] = [];
    let current: Stay | null = null;
    let after: { caseId: string; seq: number } | null = null;
    const flush = async (all: boolean) => {
      while (pending.length >= (all ? 1 : STAYS_PER_INSERT)) {
        const chunk = pending.splice(0, STAYS_PER_INSERT);
        const values = chunk.map((_, j) => `(${[1, 2, 3, 4, 5, 6].map((k) => bind(j * 6 + k)).join(', ')})`);
        await q.query(
          `INSERT INTO case_stage_stays (case_id, entered_seq, stage, entered_at, left_at, duration_ms) VALUES ${values.join(', ')}`,
          chunk.flatMap((s) => [s.caseId, s.seq, s.stage, s.enteredAt, s.leftAt, s.leftAt === null ? null : s.leftAt - s.enteredAt]),
        );
      }
    };
    for (;;) {
      const rows: Array<{ case_id: string; seq: unknown; at: string; to_state: string }> = after
        ? await q.query(
            `SELECT case_id, seq, at, to_state FROM audit_entries WHERE case_id > ${bind(1)} OR (case_id = ${bind(2)} AND seq > ${bind(3)})
             ORDER BY case_id, seq LIMIT ${bind(4)}`,
            [after.caseId, after.caseId, after.seq, ENTRIES_PER_PAGE],
          )
        : await q.query(`SELECT case_id, seq, at, to_state FROM audit_entries ORDER BY case_id, seq LIMIT ${bind(1)}`, [ENTRIES_PER_PAGE]);
      for (const row of rows) {
        const seq = Number(row.seq);
        const at = Date.parse(row.at);
        const stage = (row.to_state ?? '').split('.')[0];
        if (current && current.caseId !== row.case_id) {
          pending.push(current);
          current = null;
        }
        if (!current || current.stage !== stage) {
          if (current) pending.push({ ...current, leftAt: at });
          current = { caseId: row.case_id, seq, stage, enteredAt: at, leftAt: null };
        }
        after = { caseId: row.case_id, seq };
      }
      await flush(false);
      if (rows.length < ENTRIES_PER_PAGE) break;
    }
    if (current) pending.push(current);
    await flush(true);
  }
}
