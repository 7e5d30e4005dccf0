/**
 * Group commit of kiosk pushes (issue 12: arrivals). A push's commands used to be applied each in its own
 * transaction, so every check-in paid a commit: on SQLite an fsync (`synchronous = FULL`, several milliseconds on the
 * event loop's thread), on PostgreSQL a WAL flush, while the change counter's row lock serialised the pushes anyway.
 * Now the pushes that arrive together (within one turn of the event loop, or while the previous batch commits) are
 * applied one after another in ONE transaction and answered after its commit: one fsync for all of them.
 *
 * What stays as it was: each command is applied exactly once (its effect and its applied_commands row in the same
 * transaction, applyKioskCommandIn); a push is answered only once what it applied is committed (durable as before);
 * commands apply in arrival order, a push's own in its order. A command that throws is undone alone (a savepoint per
 * command) and fails its push, as before (the push's earlier commands stay applied, its later ones are not tried);
 * the other pushes of the batch are not affected. Savepoints cost two statements a command, and a command almost never
 * throws (a conflict or a refusal is an answer, not an exception): so a batch is first applied without them, and only
 * when a command throws (or the rows the batch held fail to be written at its end: commandReads.ts) is that attempt
 * rolled back whole and the batch applied again with a savepoint per command.
 * A failed commit fails every push of the batch (nothing of it applied; each kiosk sends it again). A batch holds at
 * most MAX_BATCH_COMMANDS commands (a larger push is one batch of its own), so that the counter's lock is never held
 * long.
 * Nothing is shared between processes: the queue lives only until its batch commits.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { CommandResult, SignedCommand } from '../../shared/sync';
import type { KioskPrincipal } from '../auth';
import type { CloudSchema } from '../db/schema';
import { isCountingChangeSeqs, withChangeSeqsCounted } from '../db/changeSeq';
import { CommandReads } from './commandReads';
import { applyKioskCommandIn } from './kioskCommands';

type Result = z.infer<typeof CommandResult>;

/** The most commands one batch applies (a push longer than this is a batch of its own). */
export const MAX_BATCH_COMMANDS = 200;

interface Push {
  kiosk: KioskPrincipal;
  commands: readonly SignedCommand[];
  results: Result[];
  error?: { err: unknown };
  resolve: (results: Result[]) => void;
  reject: (err: unknown) => void;
}

export class CommandBatches {
  private queue: Push[] = [];
  private scheduled = false;
  private draining = false;
  /** batches committed (for tests and figures) */
  batches = 0;
  /** batches applied a second time, command by command under savepoints, because a command threw (for tests) */
  redone = 0;

  constructor(
    private readonly db: Kysely<CloudSchema>,
    private readonly now: () => Date,
  ) {}

  /** Applies a push's commands (validated, signatures checked) in the next batch; resolves once committed. */
  apply(kiosk: KioskPrincipal, commands: readonly SignedCommand[]): Promise<Result[]> {
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise<Result[]>((resolve, reject) => {
      this.queue.push({ kiosk, commands, results: [], resolve, reject });
      this.schedule();
    });
  }

  /** After the pushes of this turn of the event loop have queued (setImmediate runs after the turn's I/O). */
  private schedule(): void {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.runBatch(this.takeBatch());
    } finally {
      this.draining = false;
    }
  }

  private takeBatch(): Push[] {
    let count = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || count + this.queue[n]!.commands.length <= MAX_BATCH_COMMANDS)) count += this.queue[n++]!.commands.length;
    return this.queue.splice(0, n);
  }

  private async runBatch(batch: Push[]): Promise<void> {
    try {
      await this.applyBatch(batch);
    } catch (err) {
      // the commit (or a savepoint statement) failed: nothing of the batch is applied
      for (const push of batch) push.reject(err);
      return;
    }
    this.batches++;
    for (const push of batch) {
      if (push.error) push.reject(push.error.err);
      else push.resolve(push.results);
    }
  }

  /** Applies the batch and commits it; throws if that fails (then nothing of it is applied). */
  private async applyBatch(batch: Push[]): Promise<void> {
    try {
      // first without savepoints (two statements a command fewer); a command that throws undoes the whole attempt
      await this.db.transaction().execute((trx) =>
        withChangeSeqsCounted(trx, async () => {
          // the batch's rows read and written together (commandReads.ts)
          const reads = new CommandReads(
            trx,
            batch.flatMap((push) => push.commands),
          );
          for (const push of batch) await applyPushWhole(trx, this.now, push, reads);
          try {
            await reads.flush();
          } catch (err) {
            // a row held that cannot be written: applied again command by command, only its command fails
            throw new CommandThrew('the batch’s rows could not be written', { cause: err });
          }
        }),
      );
      return;
    } catch (err) {
      if (!(err instanceof CommandThrew)) throw err;
    }
    // rare: again from the start, each command under a savepoint, so that it is undone alone
    this.redone++;
    for (const push of batch) push.results.length = 0;
    await this.db.transaction().execute(async (trx) => {
      const reads = new CommandReads(trx);
      for (const push of batch) await applyPush(trx, this.now, push, reads);
    });
  }
}

/** A command threw in a batch applied without savepoints: the attempt is undone and the batch applied again. */
class CommandThrew extends Error {}

/** A push's commands in order, no savepoint: the first that throws aborts the whole batch's attempt. */
async function applyPushWhole(trx: Transaction<CloudSchema>, now: () => Date, push: Push, reads: CommandReads): Promise<void> {
  for (const cmd of push.commands) {
    try {
      push.results.push(await applyKioskCommandIn(trx, now(), push.kiosk, cmd, reads));
    } catch (err) {
      throw new CommandThrew('a command threw', { cause: err });
    }
  }
}

/** A push's commands in order, each under a savepoint: one that throws is undone alone and stops its push. */
async function applyPush(trx: Transaction<CloudSchema>, now: () => Date, push: Push, reads: CommandReads): Promise<void> {
  // a savepoint rolled back would undo the counter's move while an in-memory count went on (changeSeq.ts)
  if (isCountingChangeSeqs(trx)) throw new Error('savepoints under withChangeSeqsCounted');
  for (const cmd of push.commands) {
    await sql`savepoint kiosk_command`.execute(trx);
    try {
      push.results.push(await applyKioskCommandIn(trx, now(), push.kiosk, cmd, reads));
    } catch (err) {
      await sql`rollback to savepoint kiosk_command`.execute(trx);
      await sql`release savepoint kiosk_command`.execute(trx);
      push.error = { err };
      return;
    }
    await sql`release savepoint kiosk_command`.execute(trx);
  }
}
