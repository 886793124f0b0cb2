using PrivacyDesk.Domain.Text;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Pages.Staff.Dashboard;
using PrivacyDesk.Web.Staff.Digest;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// Anchors the audit chain once per JST day at <see cref="AuditOptions.AnchorAtJst"/>, in every instance (the day's key
/// in <see cref="AuditAnchoring"/> keeps it to one anchor). A start-up after that time catches up the same day. The
/// schedule is the daily digest's (<see cref="DigestSchedule"/>); a failed run is retried after
/// <see cref="AuditOptions.RetryAfterFailure"/>.
/// </summary>
public sealed partial class AuditAnchorWorker(
    IServiceScopeFactory scopes,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditAnchorWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.AnchorEnabled)
        {
            LogDisabled(logger);
            return;
        }

        await DigestSchedule.RunDailyAsync(time, settings.AnchorAtJst, settings.RetryAfterFailure, day => RunAsync(day, stoppingToken), stoppingToken);
    }

    private async Task<bool> RunAsync(DateOnly day, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync(day, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The worker must outlive a database outage or an unwritable anchor folder: it tries again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRunFailed(logger, ex, day);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily audit anchor is disabled (Audit:AnchorEnabled is false); use the anchor-audit command")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit chain anchor for {Date} failed; retrying later")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, DateOnly date);
}

/// <summary><c>anchor-audit [--date yyyy-MM-dd]</c>: anchors the chain's head for a JST day (today by default), once.</summary>
internal sealed class AnchorAuditCommand : Hosting.AdminCommand
{
    public override string Name => "anchor-audit";
    public override string Usage => "anchor-audit [--date yyyy-MM-dd]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var text = Option(args, "--date");
        var date = JapaneseText.JstDate(services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date))
        {
            throw new Hosting.CommandUsageException("--date must be a date such as 2026-11-29. / --date は 2026-11-29 の形式で指定してください。");
        }

        var result = await services.GetRequiredService<AuditAnchoring>().AnchorAsync(date, cancellationToken);
        var a = result.Anchor;
        var file = result.File ?? "(none: Audit:AnchorDirectory not set)";
        Console.WriteLine(FormattableString.Invariant(
            $"{(result.Anchored ? "Anchored" : "Already anchored")} {AuditTime.Day(a.Date)}: sequence {a.Sequence}, hash {a.Hash}, key {a.KeyId ?? "-"}, mailed to {result.Recipients} auditors; file {file}."));
        Console.WriteLine(FormattableString.Invariant(
            $"監査ログのアンカー（{AuditTime.Day(a.Date)}）：{(result.Anchored ? "記録しました" : "記録済みです")}（連番 {a.Sequence}、監査担当 {result.Recipients} 名に送信）。"));
        return 0;
    }
}

/// <summary><c>rotate-audit-key</c>: a new current chain key in the key ring file; earlier keys stay for verifying.</summary>
internal sealed class RotateAuditKeyCommand : Hosting.AdminCommand
{
    public override string Name => "rotate-audit-key";
    public override string Usage => "rotate-audit-key";

    public override Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var id = services.GetRequiredService<AuditKeyStore>().RotateFileKey();
        Console.WriteLine($"New audit chain key {id}; earlier keys stay in the ring. / 監査ログの新しい鍵 {id} を作成しました。");
        return Task.FromResult(0);
    }
}
