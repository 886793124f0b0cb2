using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Pages.Requests;

namespace PrivacyDesk.Web.Closing;

/// <summary>
/// Runs the reminder job every <see cref="ReminderOptions.Interval"/> in every instance. Two instances at once send one
/// reminder: each step is saved against the request's version, so the second finds it moved (ADR 0023).
/// </summary>
public sealed partial class ReminderWorker(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReminderWorker> logger)
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
                    await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The worker must outlive a database outage: the next run tries again, nothing is half-saved.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder run failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary><c>send-reminders</c>: runs the reminder job once now.</summary>
internal sealed class SendRemindersCommand : AdminCommand
{
    public override string Name => "send-reminders";
    public override string Usage => "send-reminders";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<ReminderRunner>().RunAsync(cancellationToken);
        Console.WriteLine($"Reminded {result.Reminded}, closed {result.Abandoned} as abandoned. / 督促 {result.Reminded} 件、終了 {result.Abandoned} 件。");
        return 0;
    }
}

public static class ClosingRegistration
{
    /// <summary>Closing with a notice (ADR 0023): the member's withdrawal, the reminder job and its options (section <c>Reminders</c>).</summary>
    public static IServiceCollection AddClosingNotices(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();
        services.AddScoped<ReminderRunner>();
        services.AddScoped<MemberWithdrawal>();
        services.AddHostedService<ReminderWorker>();
        return services;
    }
}
