using PrivacyDesk.Domain.Text;
using System.Globalization;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Pages.Staff.Dashboard;

namespace PrivacyDesk.Web.Staff.Digest;

/// <summary>
/// <c>send-digest [--date yyyy-MM-dd]</c>: queues the deadline digest for a JST day (today by default) for every staff
/// user who has not had it yet. The mails are sent by the outbox worker, or at once with <c>send-mail</c>.
/// </summary>
internal sealed class SendDigestCommand : AdminCommand
{
    public override string Name => "send-digest";
    public override string Usage => "send-digest [--date yyyy-MM-dd]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var text = Option(args, "--date");
        DateOnly date;
        if (text is null)
        {
            date = JapaneseText.JstDate(services.GetRequiredService<TimeProvider>().GetUtcNow());
        }
        else if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            throw new CommandUsageException("--date must be a date such as 2026-11-29. / --date は 2026-11-29 の形式で指定してください。");
        }

        var result = await services.GetRequiredService<DailyDigest>().SendAsync(date, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Digest for {date:yyyy-MM-dd}: {result.Queued} queued, {result.AlreadySent} already sent, {result.NothingDue} with nothing due, {result.Failed} failed. " +
            $"/ 期限のお知らせ：{result.Queued} 件をキューに追加、{result.AlreadySent} 件は送信済み、失敗 {result.Failed} 件。"));
        return result.Failed == 0 ? 0 : 3;
    }
}
