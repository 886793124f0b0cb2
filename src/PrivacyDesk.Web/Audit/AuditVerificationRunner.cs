using PrivacyDesk.Domain.Events;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// One verification of the chain started from the auditor's page: who started it and when, its progress while it runs,
/// then its result (or that it failed).
/// </summary>
public sealed class AuditVerificationRun(string actorId, string? actorRole, DateTimeOffset startedAt)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ActorId { get; } = actorId;

    public string? ActorRole { get; } = actorRole;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public AuditVerificationProgress Progress { get; } = new();

    /// <summary>Set when the check has finished and its result is recorded in the audit trail.</summary>
    public AuditVerification? Result { get; private set; }

    /// <summary>The check ended without a result (the database could not be read, or the app stopped).</summary>
    public bool Failed { get; private set; }

    /// <summary>Completes when the check has ended, whatever the outcome (tests wait on it).</summary>
    public Task Completion => completion.Task;

    internal void Finish(AuditVerification? result)
    {
        Result = result;
        Failed = result is null;
        completion.TrySetResult();
    }
}

/// <summary>
/// Runs the chain verification in the background for /audit/verify, so that the page answers at once and shows the
/// progress or the last result (issue 17). One check at a time per app instance: an auditor who asks while one runs is
/// shown that one (two auditors pressing at once start one check). The result is recorded in the audit trail as before
/// (<see cref="AuditActions.ChainVerified"/>, details: whole, verified, the break and the anchors), under the auditor who
/// started it.
/// </summary>
public sealed class AuditVerificationRunner
{
    private readonly Lock gate = new();
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<AuditVerificationRunner> logger;
    private readonly CancellationToken stopping;
    private AuditVerificationRun? running;
    private AuditVerificationRun? last;

    public AuditVerificationRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditVerificationRunner> logger, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;
        stopping = lifetime.ApplicationStopping;
    }

    /// <summary>Awaited before the walk of each check (tests hold a check open to look at the page while it runs).</summary>
    internal Func<Task>? BeforeCheck { get; set; }

    /// <summary>The check running now (null when none), and the last one that ended in this instance (null when none).</summary>
    public (AuditVerificationRun? Running, AuditVerificationRun? Last) Status
    {
        get
        {
            lock (gate)
            {
                return (running, last);
            }
        }
    }

    /// <summary>Starts a check for <paramref name="actorId"/> unless one is running; returns the running one.</summary>
    public AuditVerificationRun Start(string actorId, string? actorRole)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        lock (gate)
        {
            if (running is not null)
            {
                return running;
            }

            var run = new AuditVerificationRun(actorId, actorRole, clock.GetUtcNow());
            running = run;

            // Not in the request's execution context: the check outlives the request, and its audit row must name the
            // auditor through the scope's actor, not read a finished request's HttpContext.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => RunAsync(run));
            }

            return run;
        }
    }

    private async Task RunAsync(AuditVerificationRun run)
    {
        AuditVerification? result = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (BeforeCheck is { } hold)
            {
                await hold();
            }

            result = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(run.Progress, stopping);

            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            using (audit.UseActor(run.ActorId, run.ActorRole))
            {
                audit.Raise(new PersonalDataRead(AuditActions.ChainVerified, null, new
                {
                    whole = result.IsWhole,
                    verified = result.VerifiedCount,
                    brokenAt = result.FirstBreak?.Sequence,
                    kind = result.FirstBreak?.Kind.ToString(),
                    anchors = result.AnchorsCompared,
                    anchorDate = result.FirstBreak?.AnchorDate ?? result.LatestAnchor?.Date,
                }));
                await scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync(stopping);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Shown on the page as a failed check; the auditor can start another. Identifiers only in the log.
            result = null;
            logger.LogError(ex, "Audit chain verification started by {ActorId} failed", run.ActorId);
        }
        finally
        {
            lock (gate)
            {
                last = run;
                running = null;
            }

            run.Finish(result);
        }
    }
}
