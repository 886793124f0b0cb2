using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Retention;

/// <summary>
/// Runs the retention purge once a day in every instance. Two instances at once are harmless: each row is purged by
/// whichever statement reaches it first, and the other skips it.
/// </summary>
public sealed class RetentionWorker(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, ILogger<RetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        try
        {
            await Task.Delay(options.Value.InitialDelay, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.Interval);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<RetentionPurger>().PurgeAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next run tries again; nothing is half-purged (each batch is one transaction).
                    logger.LogError(ex, "Retention purge failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary><c>purge-documents</c>: runs the retention purge now (documents and letters past their periods).</summary>
internal sealed class PurgeDocumentsCommand : AdminCommand
{
    public override string Name => "purge-documents";
    public override string Usage => "purge-documents";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<RetentionPurger>().PurgeAsync(cancellationToken);
        Console.WriteLine($"Purged {result.DocumentsPurged} documents and {result.LettersPurged} letters. / " +
                          $"本人確認書類 {result.DocumentsPurged} 件、通知書 {result.LettersPurged} 件を廃棄しました。");
        return 0;
    }
}

public static class RetentionRegistration
{
    /// <summary>Registers the purge, its options (section <c>Retention</c>) and the daily worker.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.DocumentDays >= 0 && o.LetterYears >= 0 && o.BatchSize > 0 && o.Interval > TimeSpan.Zero,
                "Retention: DocumentDays and LetterYears must be 0 or more, BatchSize and Interval positive.");
        services.AddScoped<RetentionPurger>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
