using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;

namespace PrivacyDesk.Letters.Tests;

/// <summary>
/// Content per kind (ADR 0020): on one request that asks for the personal data, the provision records and the purposes,
/// each with different content, each letter (rendered to PDF, text extracted with PdfPig) holds its own kind's content
/// and none of the others'.
/// </summary>
public sealed class ContentPerKindTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string Data = "会員歴：満11年（2015年4月加入）\n注文記録：ZX-0042ほか2026年10月分12件";
    private const string Records = "提供年月日：令和8年4月1日\n提供先：株式会社みらい損害保険（東京都千代田区丸の内1-1-1、代表者見本一郎）\n個人データの項目：氏名、電話番号";
    private const string Purposes = "共同購入の受発注と配達\n消費材のご案内";

    private static PrivacyRequest Request(string? purposes = Purposes) => LetterSamples.Decided(RequestFamily.Disclosure,
    [
        new KindDecision(RequestKind.Disclosure, KindOutcome.FullDisclosure, null, null, content: Data),
        new KindDecision(RequestKind.ThirdPartyProvisionRecordDisclosure, KindOutcome.FullDisclosure, null, null, content: Records),
        new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.FullDisclosure, null, null, content: purposes),
    ]);

    private string Render(LetterKind kind, PrivacyRequest request) =>
        PdfText.Extract(fixture.Engine.Render(kind, request, LetterSamples.LetterDate));

    [Fact]
    public void The_disclosure_letter_prints_only_the_personal_data()
    {
        var text = Render(LetterKind.DisclosureDecision, Request());

        Assert.Contains("開示する保有個人データ", text, StringComparison.Ordinal);
        Assert.Contains("満11年（2015年4月加入）", text, StringComparison.Ordinal);
        Assert.Contains("ZX-0042ほか2026年10月分12件", text, StringComparison.Ordinal);
        Assert.DoesNotContain("みらい損害保険", text, StringComparison.Ordinal);
        Assert.DoesNotContain("開示する第三者提供記録", text, StringComparison.Ordinal);
        Assert.DoesNotContain("配達", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_records_letter_prints_only_the_provision_records()
    {
        var text = Render(LetterKind.ThirdPartyRecords, Request());

        Assert.Contains("開示する第三者提供記録", text, StringComparison.Ordinal);
        Assert.Contains("株式会社みらい損害保険", text, StringComparison.Ordinal);
        Assert.Contains("令和8年4月1日", text, StringComparison.Ordinal);
        Assert.DoesNotContain("満11年", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ZX-0042", text, StringComparison.Ordinal);
        Assert.DoesNotContain("開示する保有個人データ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_purpose_letter_prints_the_decided_purposes_and_no_disclosed_content()
    {
        var text = Render(LetterKind.PurposeOfUseNotice, Request());

        Assert.Contains("共同購入の受発注と配達", text, StringComparison.Ordinal);
        Assert.Contains("消費材のご案内", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfText.Compact(PurposesOfUse.Default[3]), text, StringComparison.Ordinal);
        Assert.DoesNotContain("みらい損害保険", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ZX-0042", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_notice_decided_before_content_per_kind_prints_the_configured_purposes()
    {
        var text = Render(LetterKind.PurposeOfUseNotice, Request(purposes: null));

        Assert.Contains(PdfText.Compact(PurposesOfUse.Default[3]), text, StringComparison.Ordinal);
    }
}
