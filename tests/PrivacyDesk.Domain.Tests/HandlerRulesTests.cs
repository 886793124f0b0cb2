using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Rules that used to sit in the back-office page handlers, now in the domain (issue 12).</summary>
public class HandlerRulesTests
{
    private static readonly DateTimeOffset CheckAt = TestData.Jst(2026, 11, 2, 11);

    [Fact]
    public void The_deficiency_reason_names_what_to_send_for_each_failed_point_in_checklist_order_then_the_note()
    {
        var checklist = IdentityChecklist.For(Domain.People.RequesterType.LegalRepresentative);
        var failed = new[] { IdentityCheckItem.LegalAuthorityDocumentValid, IdentityCheckItem.PrincipalIdAccepted };

        var reason = IdentityChecklist.DeficiencyReason(checklist, failed, "  お電話でもご案内しました。 ", authorityMaxAgeMonths: 6);

        var lines = reason.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("・" + IdentityChecklist.WhatToSend(checklist.First(failed.Contains), 6).Japanese, lines[0]);
        Assert.Contains("6か月以内", reason, StringComparison.Ordinal);
        Assert.Equal("お電話でもご案内しました。", lines[2]);
    }

    [Fact]
    public void A_point_outside_the_checklist_or_left_unticked_is_not_a_deficiency()
    {
        var checklist = IdentityChecklist.For(Domain.People.RequesterType.Principal);

        var reason = IdentityChecklist.DeficiencyReason(checklist, [IdentityCheckItem.PowerOfAttorneyValid], null);

        Assert.Equal(string.Empty, reason);
    }

    [Fact]
    public void The_id_can_be_checked_on_arrival_while_checking_and_after_a_return_only()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        Assert.True(request.AllowsIdentityCheck);
        Assert.False(request.IsIdentityCheckUnderWay);

        request.StartIdentityCheck(TestData.Staff, CheckAt);
        Assert.True(request.AllowsIdentityCheck);
        Assert.True(request.IsIdentityCheckUnderWay);

        request.ReturnForDeficiency("書類が不鮮明です。", TestData.Staff, CheckAt);
        Assert.True(request.AllowsIdentityCheck);
        Assert.False(request.IsIdentityCheckUnderWay);

        request.StartIdentityCheck(TestData.Staff, CheckAt.AddDays(3));
        request.AcceptIdentity(TestData.Staff, CheckAt.AddDays(3), TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.False(request.AllowsIdentityCheck);
    }

    [Fact]
    public void The_outstanding_fee_is_what_is_due_less_what_was_paid_never_below_zero()
    {
        var request = RequestBuilder.Disclosure().Build();
        Assert.Equal(request.FeeDueYen, request.FeeOutstandingYen);
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, CheckAt, TestData.FullChecklist(request));

        request.RecordPayment(TestData.Payment(request.FeeDueYen + 500, CheckAt));

        Assert.Equal(0, request.FeeOutstandingYen);
        Assert.Equal(0, RequestBuilder.Correction().Build().FeeOutstandingYen);
    }
}
