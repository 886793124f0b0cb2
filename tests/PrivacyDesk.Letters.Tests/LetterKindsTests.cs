using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Fonts;
using PrivacyDesk.Letters.Samples;

namespace PrivacyDesk.Letters.Tests;

public sealed class LetterKindsTests
{
    [Fact]
    public void Codes_round_trip_and_fit_the_column()
    {
        foreach (var kind in LetterKinds.All)
        {
            var code = LetterKinds.Code(kind);
            Assert.True(LetterKinds.TryParse(code, out var parsed));
            Assert.Equal(kind, parsed);
            Assert.True(code.Length <= 64 && code.All(char.IsAscii));
        }

        Assert.False(LetterKinds.TryParse("nonsense", out _));
    }

    [Fact]
    public void Only_the_acknowledgement_applies_to_a_new_request()
    {
        var request = LetterSamples.NewRequest(RequestFamily.Correction, [RequestKind.Correction]);
        Assert.Equal([LetterKind.Acknowledgement], LetterKinds.Applicable(request, []).Select(a => a.Kind));
    }

    [Fact]
    public void The_fee_notice_applies_while_the_fee_is_unpaid_and_the_deficiency_letter_while_returned()
    {
        Assert.Contains(LetterKinds.Applicable(LetterSamples.For(LetterKind.FeeNotice), []), a => a.Kind == LetterKind.FeeNotice && a.CanIssue);
        Assert.Contains(LetterKinds.Applicable(LetterSamples.For(LetterKind.Deficiency), []), a => a.Kind == LetterKind.Deficiency && a.CanIssue);
        Assert.DoesNotContain(LetterKinds.Applicable(LetterSamples.For(LetterKind.NonDisclosure), []), a => a.Kind == LetterKind.FeeNotice);
    }

    [Fact]
    public void Result_letters_wait_for_approval_and_go_out_once()
    {
        var unapproved = LetterSamples.For(LetterKind.NonDisclosure, approve: false);
        var blocked = Assert.Single(LetterKinds.Applicable(unapproved, []), a => a.Kind == LetterKind.NonDisclosure);
        Assert.False(blocked.CanIssue);
        Assert.Contains("承認", blocked.Blocked!.Value.Japanese, StringComparison.Ordinal);

        var approved = LetterSamples.For(LetterKind.NonDisclosure);
        Assert.True(Assert.Single(LetterKinds.Applicable(approved, []), a => a.Kind == LetterKind.NonDisclosure).CanIssue);
        Assert.False(Assert.Single(LetterKinds.Applicable(approved, [LetterKind.NonDisclosure]), a => a.Kind == LetterKind.NonDisclosure).CanIssue);
        Assert.True(LetterKinds.CompletesAnswer(approved, [], LetterKind.NonDisclosure));
    }

    [Fact]
    public void A_mixed_decision_needs_every_result_letter_before_it_completes()
    {
        var request = LetterSamples.Decided(RequestFamily.Disclosure,
        [
            new KindDecision(RequestKind.PurposeOfUseNotice, KindOutcome.FullDisclosure, null, null),
            new KindDecision(RequestKind.Disclosure, KindOutcome.NoDisclosure, [NonDisclosureGround.SeriousHindranceToBusiness], "業務に支障"),
        ]);
        Assert.Equal([LetterKind.PurposeOfUseNotice, LetterKind.NonDisclosure], LetterKinds.ResultLetters(request.Decision!));
        Assert.False(LetterKinds.CompletesAnswer(request, [], LetterKind.PurposeOfUseNotice));
        Assert.True(LetterKinds.CompletesAnswer(request, [LetterKind.PurposeOfUseNotice], LetterKind.NonDisclosure));
        Assert.False(LetterKinds.CompletesAnswer(request, [], LetterKind.CoverLetter));
    }

    [Fact]
    public void The_delay_notice_applies_once_extended_while_open_and_may_go_again()
    {
        Assert.DoesNotContain(LetterKinds.Applicable(LetterSamples.For(LetterKind.CorrectionResult), []), a => a.Kind == LetterKind.DelayNotice);
        var extended = LetterSamples.For(LetterKind.DelayNotice);
        Assert.True(Assert.Single(LetterKinds.Applicable(extended, [LetterKind.DelayNotice]), a => a.Kind == LetterKind.DelayNotice).CanIssue);
        Assert.True(LetterKinds.MailedWhereEmailExists(LetterKind.DelayNotice));
        Assert.False(LetterKinds.MailedWhereEmailExists(LetterKind.CorrectionResult));
        extended.Withdraw(LetterSamples.Staff, LetterSamples.ReceivedAt.AddDays(12));
        Assert.DoesNotContain(LetterKinds.Applicable(extended, []), a => a.Kind == LetterKind.DelayNotice);
    }

    [Fact]
    public void A_cover_letter_goes_with_disclosure_by_post_only()
    {
        Assert.True(LetterKinds.NeedsCoverLetter(LetterSamples.For(LetterKind.CoverLetter)));
        Assert.False(LetterKinds.NeedsCoverLetter(LetterSamples.For(LetterKind.ThirdPartyRecords)));
        Assert.False(LetterKinds.NeedsCoverLetter(LetterSamples.For(LetterKind.NonDisclosure)));
    }

    [Fact]
    public void Every_kind_is_reachable_from_its_sample()
    {
        foreach (var kind in LetterKinds.All.Where(k => k is not (LetterKind.Receipt or LetterKind.StatusCodeNotice)))
        {
            Assert.Contains(LetterKinds.Applicable(LetterSamples.For(kind), []), a => a.Kind == kind && a.CanIssue);
        }

        // A status-code notice goes with a reissued code, from the status-code page (ADR 0024), never from the letters page.
        Assert.DoesNotContain(LetterKinds.Applicable(LetterSamples.For(LetterKind.StatusCodeNotice), []), a => a.Kind == LetterKind.StatusCodeNotice);

        // A receipt belongs to a payment, issued from the fee page, never offered as a stage's letter.
        var paid = LetterSamples.For(LetterKind.Receipt);
        Assert.DoesNotContain(LetterKinds.Applicable(paid, []), a => a.Kind == LetterKind.Receipt);
        Assert.Null(LetterKinds.ReceiptBlocked(paid, paid.Payments.Single().Id, alreadyIssued: false));
    }

    [Fact]
    public void A_receipt_is_refused_for_a_refund_an_unknown_payment_and_a_second_time()
    {
        var request = LetterSamples.For(LetterKind.Receipt);
        var payment = request.Payments.Single();
        var refund = PrivacyDesk.Domain.Fees.FeePayment.Refund(1_000, new DateOnly(2026, 11, 26), PrivacyDesk.Domain.Fees.PaymentMethod.BankTransfer, null,
            LetterSamples.Staff, LetterSamples.ReceivedAt.AddDays(10));
        request.RecordPayment(refund);

        Assert.Equal("この入金の領収書は発行済みです。", LetterKinds.ReceiptBlocked(request, payment.Id, alreadyIssued: true)?.Japanese);
        Assert.Equal("返金には領収書を発行しません。", LetterKinds.ReceiptBlocked(request, refund.Id, alreadyIssued: false)?.Japanese);
        Assert.Equal("この請求に、その入金はありません。", LetterKinds.ReceiptBlocked(request, Guid.NewGuid(), alreadyIssued: false)?.Japanese);
    }
}

public sealed class FontLocatorTests
{
    [Fact]
    public void A_configured_font_that_does_not_exist_is_an_error_naming_the_setting()
    {
        var error = Assert.Throws<LetterFontNotFoundException>(() =>
            LetterFontLocator.Locate(new LetterOptions { FontPath = "/no/such/font.ttf" }, AppContext.BaseDirectory));
        Assert.Contains("Letters:FontPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("/no/such/font.ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_font_collection_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pd-{Guid.NewGuid():N}.ttc");
        File.WriteAllBytes(path, [0, 1, 0, 0]);
        try
        {
            var error = Assert.Throws<LetterFontNotFoundException>(() => LetterFontLocator.Locate(new LetterOptions { FontPath = path }, AppContext.BaseDirectory));
            Assert.Contains(".ttc", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_configuration_a_machine_font_or_the_bundled_one_is_found()
    {
        var files = LetterFontLocator.Locate(new LetterOptions(), AppContext.BaseDirectory);
        Assert.True(File.Exists(files.RegularPath));
        Assert.EndsWith(".ttf", files.RegularPath, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_configured_bold_face_is_used_for_headings()
    {
        var regular = LetterFontLocator.Locate(new LetterOptions(), AppContext.BaseDirectory).RegularPath;
        var files = LetterFontLocator.Locate(new LetterOptions { FontPath = regular, BoldFontPath = regular }, AppContext.BaseDirectory);
        Assert.Equal(Path.GetFullPath(regular), files.BoldPath);
    }
}
