using System.Globalization;
using Microsoft.Extensions.Options;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Mail;

/// <summary>
/// <c>send-mail [--batches N]</c>: sends the mail that is due now, batch by batch, and reports the counts. For an
/// operator after an SMTP outage, or a deployment that runs no background worker (Smtp:Enabled=false).
/// </summary>
internal sealed class SendMailCommand : AdminCommand
{
    public override string Name => "send-mail";
    public override string Usage => "send-mail [--batches N]";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var maxBatches = IntOption(args, "--batches", 1_000, 1, 1_000_000);
        if (!services.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured)
        {
            await Console.Error.WriteLineAsync("Mail is not configured (Smtp:Host is empty). / メール送信が設定されていません（Smtp:Host）。");
            return 1;
        }

        var processor = services.GetRequiredService<OutboxProcessor>();
        int claimed = 0, sent = 0, failed = 0, gaveUp = 0;
        for (var batch = 0; batch < maxBatches; batch++)
        {
            var result = await processor.ProcessDueAsync(cancellationToken);
            claimed += result.Claimed;
            sent += result.Sent;
            failed += result.Failed;
            gaveUp += result.GaveUp;
            if (result.Claimed == 0 || result.Released > 0)
            {
                break;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Mail: {claimed} claimed, {sent} sent, {failed} failed, {gaveUp} given up. / 送信 {sent} 件、失敗 {failed} 件（うち打ち切り {gaveUp} 件）。"));
        return failed == 0 ? 0 : 3;
    }
}
