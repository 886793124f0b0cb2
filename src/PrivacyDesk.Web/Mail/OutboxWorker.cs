using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Mail;

/// <summary>
/// Sends queued mail in the background: every <see cref="SmtpOptions.PollInterval"/> it runs
/// <see cref="OutboxProcessor.ProcessDueAsync"/> in a fresh scope, straight again while batches come back full.
/// Every instance of the app runs one; the processor's claim keeps them from sending the same message.
/// </summary>
public sealed class OutboxWorker(
    IServiceScopeFactory scopes,
    IOptions<SmtpOptions> options,
    OutboxInstance instance,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Outbox worker is disabled (Smtp:Enabled is false); mail is sent only on demand");
            return;
        }

        if (!settings.IsConfigured)
        {
            logger.LogWarning("Mail is not configured (Smtp:Host is empty): outgoing mail stays queued in the outbox until it is. " +
                              "メール送信が未設定のため、送信待ちのメールは保留されます。");
            return;
        }

        logger.LogInformation("Outbox worker {InstanceId} started, polling every {PollInterval}", instance.Id, settings.PollInterval);
        try
        {
            using var timer = new PeriodicTimer(settings.PollInterval, time);
            do
            {
                await DrainAsync(settings, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DrainAsync(SmtpOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            OutboxBatchResult result;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                result = await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync(stoppingToken);
            }
            while (result.Claimed >= settings.BatchSize && result.Released == 0 && !stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The worker must outlive a database outage: the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // SMTP failures are handled per message inside the processor; what reaches here is the database.
            logger.LogError(ex, "Outbox worker {InstanceId}: a batch failed; retrying at the next poll", instance.Id);
        }
    }
}
