using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PrivacyDesk.Web.Data;

/// <summary>
/// Runs units of work that open their own transaction under the provider's execution strategy, and tells store failures
/// (after the strategy gave up) from programming errors. With a retrying strategy EF refuses a user transaction that is
/// not inside <see cref="IExecutionStrategy.ExecuteAsync{TState,TResult}"/>: every BeginTransaction in the app goes through here.
/// </summary>
public static class StoreResilience
{
    /// <summary>
    /// Runs <paramref name="operation"/> (which begins and commits its own transaction) and runs it again on a transient
    /// failure. A retry starts from a cleared change tracker, so nothing the failed attempt added is saved twice; the
    /// operation must therefore re-read or re-add what it writes. <paramref name="verify"/>, when given, is asked after a
    /// failure whether the attempt was committed after all (a commit whose answer was lost): it returns the attempt's
    /// result if so, or null to try again.
    /// </summary>
    public static Task<T> RetriedAsync<T>(
        this PrivacyDeskDbContext db,
        Func<CancellationToken, Task<T>> operation,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task<T?>>? verify = null)
        where T : class =>
        Run(db, operation, verify is null
            ? null
            : async ct => await verify(ct) is { } done ? new ExecutionResult<T>(true, done) : new ExecutionResult<T>(false, default!),
            cancellationToken);

    /// <summary><see cref="RetriedAsync{T}"/> for a count or other value.</summary>
    public static Task<int> RetriedCountAsync(this PrivacyDeskDbContext db, Func<CancellationToken, Task<int>> operation, CancellationToken cancellationToken) =>
        Run(db, operation, null, cancellationToken);

    private static Task<T> Run<T>(
        PrivacyDeskDbContext db,
        Func<CancellationToken, Task<T>> operation,
        Func<CancellationToken, Task<ExecutionResult<T>>>? verify,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(operation);
        var attempts = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            operation,
            async (_, run, ct) =>
            {
                if (attempts++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                return await run(ct);
            },
            verify is null ? null : async (_, _, ct) => await verify(ct),
            cancellationToken);
    }

    /// <summary><see cref="RetriedAsync{T}"/> for a unit of work with no result.</summary>
    public static Task RetriedAsync(this PrivacyDeskDbContext db, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        db.RetriedAsync<object>(async ct =>
        {
            await operation(ct);
            return Done;
        }, cancellationToken);

    private static readonly object Done = new();

    /// <summary>
    /// True when <paramref name="exception"/> is the store failing (a timeout, a lost connection, a lock that could not be
    /// had, a constraint, the retries used up), not a bug: the transaction was rolled back, so nothing was stored.
    /// </summary>
    public static bool IsStoreFailure(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException or DbUpdateException or RetryLimitExceededException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SQLite's "database is locked" answers: another connection holds the write lock beyond the busy timeout.</summary>
    public static bool IsSqliteBusy(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED };
}

/// <summary>
/// SQLite has no retrying strategy of its own: this one retries "database is locked" (busy beyond the busy timeout, or a
/// lock that a deferred transaction could not upgrade), with the same limits as the server providers.
/// </summary>
public sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : ExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay)
{
    protected override bool ShouldRetryOn(Exception exception) => StoreResilience.IsSqliteBusy(exception);
}
