using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Appends the audit events of a unit of work to the hash chain, inside the transaction that saves them (ADR 0008).
/// <list type="number">
/// <item>Audit events are never updated or deleted through the context: a Modified or Deleted event is refused.</item>
/// <item>With new events, the save runs in a transaction (the caller's, or one opened here inside the execution strategy,
/// so that a transient failure replays the append and the save).</item>
/// <item>The chain-head row is written first (a no-op update): its row lock (PostgreSQL, SQL Server) or the write lock
/// (SQLite, even in a deferred transaction) serialises appends across connections and app instances until commit.</item>
/// <item>The head is read, each new event gets the next sequence number, the previous hash and its own hash (HMAC under
/// the current chain key, whose id it records), and the head is moved to the last one; then the normal save runs. A
/// failure rolls the head back with the rest.</item>
/// </list>
/// </summary>
public static class AuditChain
{
    private const string Savepoint = "audit_chain";

    public static int SaveChanges(PrivacyDeskDbContext db, Func<int> save)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(save);
        var added = PendingEvents(db);
        if (added.Count == 0)
        {
            return save();
        }

        if (db.Database.CurrentTransaction is null)
        {
            // The transaction opened here must run inside the execution strategy (EF refuses a user transaction under a
            // retrying one); a retry appends the same pending events again from the head as it then is.
            return db.Database.CreateExecutionStrategy().Execute(
                () => SaveChangesAsync(db, _ => Task.FromResult(save()), added, sync: true, CancellationToken.None).GetAwaiter().GetResult());
        }

        return SaveChangesAsync(db, _ => Task.FromResult(save()), added, sync: true, CancellationToken.None).GetAwaiter().GetResult();
    }

    public static Task<int> SaveChangesAsync(PrivacyDeskDbContext db, Func<CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(save);
        var added = PendingEvents(db);
        if (added.Count == 0)
        {
            return save(cancellationToken);
        }

        return db.Database.CurrentTransaction is null
            ? db.Database.CreateExecutionStrategy().ExecuteAsync(ct => SaveChangesAsync(db, save, added, sync: false, ct), cancellationToken)
            : SaveChangesAsync(db, save, added, sync: false, cancellationToken);
    }

    /// <summary>New events in the order they were recorded; refuses any change to a stored event or to the head.</summary>
    private static List<AuditEvent> PendingEvents(PrivacyDeskDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent or AuditChainHead && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    "Audit events are append-only: the app never updates or deletes them. / 監査ログは追記のみで、変更・削除はできません。");
            }

            if (entry.Entity is AuditChainHead && entry.State == EntityState.Added)
            {
                throw new InvalidOperationException("The audit chain head is created by the migration and moved only by AuditChain.");
            }
        }

        return db.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .OrderBy(e => e.RecordedOrder)
            .ToList();
    }

    private static async Task<int> SaveChangesAsync(
        PrivacyDeskDbContext db, Func<CancellationToken, Task<int>> save, List<AuditEvent> added, bool sync, CancellationToken cancellationToken)
    {
        var ambient = db.Database.CurrentTransaction;
        IDbContextTransaction? own = null;
        if (ambient is null)
        {
            own = sync ? db.Database.BeginTransaction() : await db.Database.BeginTransactionAsync(cancellationToken);
        }
        else if (ambient.SupportsSavepoints && db.Database.AutoSavepointsEnabled)
        {
            // (A caller that turned automatic savepoints off rolls its whole transaction back when a save fails.)
            // If the save fails and the caller carries on in its transaction, the head must not keep numbers that were
            // never stored (that would read as deleted events).
            if (sync)
            {
                ambient.CreateSavepoint(Savepoint);
            }
            else
            {
                await ambient.CreateSavepointAsync(Savepoint, cancellationToken);
            }
        }

        try
        {
            await AppendAsync(db, added, sync, cancellationToken);
            var result = await save(cancellationToken);
            if (own is not null)
            {
                if (sync)
                {
                    own.Commit();
                }
                else
                {
                    await own.CommitAsync(cancellationToken);
                }
            }

            return result;
        }
        catch when (own is null && ambient is not null && ambient.SupportsSavepoints && db.Database.AutoSavepointsEnabled)
        {
            if (sync)
            {
                ambient.RollbackToSavepoint(Savepoint);
            }
            else
            {
                await ambient.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            }

            throw;
        }
        finally
        {
            if (own is not null)
            {
                if (sync)
                {
                    own.Dispose();
                }
                else
                {
                    await own.DisposeAsync();
                }
            }
        }
    }

    private static async Task AppendAsync(PrivacyDeskDbContext db, List<AuditEvent> added, bool sync, CancellationToken cancellationToken)
    {
        var key = AuditKeyStore.Of(db).Current;
        var head = await LockHeadAsync(db, sync, cancellationToken);
        var sequence = head.LastSequence;
        var previous = head.LastHash;
        foreach (var e in added)
        {
            e.Sequence = ++sequence;
            e.OccurredAt = AuditCanonicalForm.Truncate(e.OccurredAt);
            e.PreviousHash = previous;
            e.ChainKeyId = key.Id;
            e.Hash = AuditCanonicalForm.Hash(previous, e, key);
            previous = e.Hash;
        }

        await MoveHeadAsync(db, sequence, previous, sync, cancellationToken);
    }

    /// <summary>
    /// Locks the chain head for the current transaction and reads it. The lock is taken by a write (a no-op update), so
    /// that SQLite holds its write lock before the head is read even in a deferred transaction, and PostgreSQL and SQL
    /// Server hold the head row until commit: appends from every connection and instance queue here.
    /// </summary>
    internal static async Task<AuditChainHead> LockHeadAsync(PrivacyDeskDbContext db, bool sync, CancellationToken cancellationToken)
    {
        var heads = db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
        var locked = sync
            ? heads.ExecuteUpdate(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence))
            : await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), cancellationToken);
        if (locked != 1)
        {
            throw new InvalidOperationException("The audit chain head row is missing; apply the migrations. / 監査ログの先頭行がありません。");
        }

        return sync ? heads.AsNoTracking().Single() : await heads.AsNoTracking().SingleAsync(cancellationToken);
    }

    internal static async Task MoveHeadAsync(PrivacyDeskDbContext db, long lastSequence, byte[] lastHash, bool sync, CancellationToken cancellationToken)
    {
        var heads = db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
        if (sync)
        {
            heads.ExecuteUpdate(s => s.SetProperty(h => h.LastSequence, lastSequence).SetProperty(h => h.LastHash, lastHash));
        }
        else
        {
            await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, lastSequence).SetProperty(h => h.LastHash, lastHash), cancellationToken);
        }
    }
}
