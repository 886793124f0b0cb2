namespace PrivacyDesk.Web.Intake;

/// <summary>
/// Deletes uploads of forms that were abandoned once they are idle for <see cref="UploadDraftOptions.IdleLifetime"/>:
/// ID copies must not linger (the policy's 速やかに適正な方法で廃棄). Runs shortly after start and then every
/// <see cref="UploadDraftOptions.CleanupInterval"/> (30 minutes for the default 2 hours), so a draft is gone at most
/// that much after it expired; the delete is one idempotent statement, so several instances may run it at once.
/// </summary>
public sealed class UploadDraftCleanup(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<UploadDraftOptions> options,
    TimeProvider clock,
    ILogger<UploadDraftCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass tries again; a failed clean-up must not stop the app.
                logger.LogError(ex, "Deleting expired upload drafts failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<UploadDraftStore>().PurgeExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} expired upload drafts", deleted);
        }

        return deleted;
    }
}
