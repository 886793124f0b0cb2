using System.Globalization;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// <c>verify-audit</c>: walks the whole keyed chain and compares it with the anchors; exit code 0 when whole, 1 with the
/// first broken link or failed anchor. It says which anchor file and day it compared.
/// </summary>
internal sealed class VerifyAuditCommand : AdminCommand
{
    public override string Name => "verify-audit";
    public override string Usage => "verify-audit";

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        // CPU time is printed too: on a shared machine it says more about the walk's own cost than the wall clock.
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var result = await services.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var seconds = string.Create(CultureInfo.InvariantCulture, $"{result.Elapsed.TotalSeconds:0.000} s (app CPU {cpu:0.000} s)");
        if (result.FirstBreak is { } broken)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BROKEN at sequence {broken.Sequence} ({broken.Kind}): {broken.Description.English}"));
            Console.WriteLine($"改ざんを検出しました：{broken.Description.Japanese}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.VerifiedCount:N0} events verified before the break, in {seconds}."));
            WriteKeysAndAnchors(result);
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Audit chain whole: {result.VerifiedCount:N0} events verified in {seconds}; last sequence {result.LastSequence}, hash {result.LastHashHex}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"監査ログのチェーンは完全です（{result.VerifiedCount:N0} 件を検証）。"));
        WriteKeysAndAnchors(result);
        return 0;
    }

    /// <summary>After the result line (the benchmark script reads the first line): the legacy prefix and the anchors compared.</summary>
    private static void WriteKeysAndAnchors(AuditVerification result)
    {
        if (result.LegacyThrough > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Legacy unkeyed prefix: sequences 1-{result.LegacyThrough} (SHA-256 only, recorded before chain keys). / 鍵なしの旧形式部分：連番 1-{result.LegacyThrough}"));
        }

        Console.WriteLine(AnchorLine(result));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Phases: setup {result.Phases.Setup.TotalSeconds:0.000} s, walk {result.Phases.Walk.TotalSeconds:0.000} s, anchors {result.Phases.Anchors.TotalSeconds:0.000} s."));
    }

    private static string AnchorLine(AuditVerification result)
    {
        if (result.AnchorFile is null)
        {
            return "No anchor file (Audit:AnchorDirectory is not set): only the keyed chain was checked. / アンカーファイルが未設定のため、鍵付きチェーンのみ検証しました。";
        }

        if (result.LatestAnchor is { } latest)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Compared with {result.AnchorsCompared} anchors in {result.AnchorFile}; latest {AuditTime.Day(latest.Date)} at sequence {latest.Sequence}. / アンカー {result.AnchorsCompared} 件と照合（最新 {AuditTime.Day(latest.Date)}、連番 {latest.Sequence}）。");
        }

        return result.AnchorsCompared == 0 && result.FirstBreak is null
            ? $"No anchor yet in {result.AnchorFile}. / アンカーはまだありません。"
            : $"Anchor file {result.AnchorFile}.";
    }
}
