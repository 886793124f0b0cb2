using PrivacyDesk.Domain.Text;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Pages.Staff.Dashboard;

namespace PrivacyDesk.Web.Staff.Digest;

/// <summary>When the digest of a JST day is due: that day at <see cref="DigestOptions.SendAtJst"/>, Japan time.</summary>
public static class DigestSchedule
{
    public static DateTimeOffset SendInstant(DateOnly day, TimeOnly sendAtJst) => JapaneseText.JstDayStart(day) + sendAtJst.ToTimeSpan();

    /// <summary>
    /// The day whose digest should go out now, or null: today once its send time has passed, unless today's run is done.
    /// A start-up after the send time catches up the same day (the per-user key keeps it from sending twice); a missed
    /// earlier day is not sent late, its figures being stale.
    /// </summary>
    public static DateOnly? DueDay(DateTimeOffset now, TimeOnly sendAtJst, DateOnly? lastCompleted)
    {
        var today = JapaneseText.JstDate(now);
        return lastCompleted != today && now >= SendInstant(today, sendAtJst) ? today : null;
    }

    /// <summary>The next instant to wake up at when nothing is due now.</summary>
    public static DateTimeOffset NextWake(DateTimeOffset now, TimeOnly sendAtJst)
    {
        var today = JapaneseText.JstDate(now);
        var todays = SendInstant(today, sendAtJst);
        return now < todays ? todays : SendInstant(today.AddDays(1), sendAtJst);
    }

    /// <summary>
    /// The loop of a once-per-JST-day job (the digest, the audit anchor): runs <paramref name="run"/> for the due day,
    /// sleeps until the next one, and tries again after <paramref name="retryAfterFailure"/> when a run returns false.
    /// </summary>
    public static async Task RunDailyAsync(
        TimeProvider time, TimeOnly atJst, TimeSpan retryAfterFailure, Func<DateOnly, Task<bool>> run, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(run);
        DateOnly? lastCompleted = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                TimeSpan wait;
                if (DueDay(now, atJst, lastCompleted) is { } day)
                {
                    if (await run(day))
                    {
                        lastCompleted = day;
                        continue;
                    }

                    wait = retryAfterFailure;
                }
                else
                {
                    wait = NextWake(now, atJst) - now;
                }

                await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

/// <summary>
/// Queues the daily digest at <see cref="DigestOptions.SendAtJst"/> (JST) in every app instance; the per-user, per-day
/// key in <see cref="DailyDigest"/> makes sure each user still gets one. A failed run is retried after
/// <see cref="DigestOptions.RetryAfterFailure"/>. Time comes from <see cref="TimeProvider"/> so tests can set it.
/// </summary>
public sealed partial class DigestWorker(
    IServiceScopeFactory scopes,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        LogStarted(logger, settings.SendAtJst);
        await DigestSchedule.RunDailyAsync(time, settings.SendAtJst, settings.RetryAfterFailure, day => RunAsync(day, stoppingToken), stoppingToken);
    }

    /// <summary>One run; true when every recipient is done.</summary>
    private async Task<bool> RunAsync(DateOnly day, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<DailyDigest>().SendAsync(day, stoppingToken);
            return result.Failed == 0;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The worker must outlive a database outage: it tries again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRunFailed(logger, ex, day);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest is disabled (Digest:Enabled is false); use the send-digest command")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest sender started; digests go out at {SendAt} JST")]
    private static partial void LogStarted(ILogger logger, TimeOnly sendAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily digest for {Date} failed; retrying later")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, DateOnly date);
}
