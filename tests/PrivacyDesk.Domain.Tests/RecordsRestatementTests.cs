using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// Restating the provision records of an approved decision that the migration to content per kind flagged (ADR 0020):
/// what it replaces, what it keeps, who may approve it, and when it is refused.
/// </summary>
public class RecordsRestatementTests
{
    private static readonly DateTimeOffset DecidedAt = TestData.Jst(2026, 11, 9, 10);
    private static readonly DateTimeOffset RestatedAt = TestData.Jst(2026, 12, 6, 10);
    private static readonly Guid RecordA = Guid.CreateVersion7();
    private static readonly Guid RecordB = Guid.CreateVersion7();
    private const string RecordsText = "提供日：2026年4月1日\n提供先：株式会社みらい損害保険";
    private const string Why = "移行前の共有テキストだったため、登録簿の記録に置き換える";

    /// <summary>
    /// Both kinds disclosed in full, approved by a supervisor, then flagged as the backfill flags a records outcome
    /// that shared the decision's one text.
    /// </summary>
    internal static PrivacyRequest FlaggedAndApproved(bool flag = true, bool approve = true)
    {
        var request = RequestBuilder.Disclosure().WithKinds(RequestKind.Disclosure, RequestKind.ThirdPartyProvisionRecordDisclosure).Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 15), TestData.FullChecklist(request));
        request.RecordPayment(TestData.Payment(request.FeeDueYen, TestData.Jst(2026, 11, 3, 10)));
        request.Decide(TestData.DecisionFor(request, KindOutcome.FullDisclosure, DecidedAt, TestData.Staff));
        if (approve)
        {
            request.ApproveDecision(TestData.Supervisor, DecidedAt.AddHours(2));
        }

        if (flag)
        {
            typeof(KindDecision).GetProperty(nameof(KindDecision.ContentNeedsReview))!.SetValue(Records(request), true);
        }

        ((IEventSource)request).TakeEvents();
        return request;
    }

    private static KindDecision Records(PrivacyRequest request) =>
        request.Decision!.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure);

    [Fact]
    public void SelectedRecordsReplaceTheTextAndTheOldTextIsKeptWithWhoWhenAndWhy()
    {
        var request = FlaggedAndApproved();
        var before = Records(request).Content;

        request.RestateRecordsContent([RecordA, RecordB], RecordsText, null, Why, TestData.Staff, RestatedAt, answerLetterIssued: false);

        var records = Records(request);
        Assert.Equal(KindOutcome.FullDisclosure, records.Outcome);
        Assert.Equal(RecordsText, records.Content);
        Assert.Equal([RecordA, RecordB], records.ProvisionRecordIds);
        Assert.False(records.ContentNeedsReview);
        Assert.Equal(before, records.RestatedFromContent);
        Assert.Equal(KindOutcome.FullDisclosure, records.RestatedFromOutcome);
        Assert.Equal(TestData.Staff, records.RestatedBy);
        Assert.Equal(RestatedAt, records.RestatedAt);
        Assert.Equal(Why, records.RestatementReason);
        Assert.True(records.RestatementAwaitsApproval);

        // The personal data's own content is untouched.
        Assert.Equal(TestData.DisclosedContent, request.Decision!.ContentOf(RequestKind.Disclosure));

        var raised = Assert.Single(((IEventSource)request).TakeEvents());
        var restated = Assert.IsType<RecordsContentRestated>(raised);
        Assert.Equal([RecordA, RecordB], restated.ProvisionRecordIds);
        Assert.Equal(KindOutcome.FullDisclosure, restated.To);
        Assert.True(restated.AwaitsApproval);

        // The audit event names the old text by its hash only: it may be personal data.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(before!))), restated.PreviousContentSha256);
        Assert.DoesNotContain("山田", restated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoRecordAnswersNoDataHeldWithTheReasonToldToTheMember()
    {
        var request = FlaggedAndApproved();

        request.RestateRecordsContent([], null, "当会の第三者提供記録に、ご本人に関する記録はありませんでした。", Why, TestData.Staff, RestatedAt, false, requiresApproval: false);

        var records = Records(request);
        Assert.Equal(KindOutcome.NoDataHeld, records.Outcome);
        Assert.Null(records.Content);
        Assert.Empty(records.ProvisionRecordIds);
        Assert.Equal("当会の第三者提供記録に、ご本人に関する記録はありませんでした。", records.Reason);
        Assert.Equal(KindOutcome.FullDisclosure, records.RestatedFromOutcome);
        Assert.False(records.RestatementAwaitsApproval);
        Assert.Equal(TestData.Staff, records.RestatementApprovedBy);
    }

    [Fact]
    public void NoRecordWithoutAReasonForTheMemberIsRefusedAndChangesNothing()
    {
        var request = FlaggedAndApproved();
        var before = Records(request).Content;

        var ex = Assert.Throws<DomainRuleException>(() => request.RestateRecordsContent([], null, " ", Why, TestData.Staff, RestatedAt, false));

        Assert.Equal("decision.reason", ex.Code);
        Assert.True(Records(request).ContentNeedsReview);
        Assert.Equal(before, Records(request).Content);
        Assert.Null(Records(request).RestatedAt);
        Assert.Empty(((IEventSource)request).TakeEvents());
    }

    [Fact]
    public void RecordsWithoutTheirTextOrWithoutAReasonAreRefused()
    {
        var request = FlaggedAndApproved();

        Assert.Equal("decision.content", Assert.Throws<DomainRuleException>(() =>
            request.RestateRecordsContent([RecordA], "  ", null, Why, TestData.Staff, RestatedAt, false)).Code);
        Assert.Equal("status.reason", Assert.Throws<DomainRuleException>(() =>
            request.RestateRecordsContent([RecordA], RecordsText, null, "", TestData.Staff, RestatedAt, false)).Code);
        Assert.True(Records(request).ContentNeedsReview);
    }

    [Fact]
    public void RefusedOnceTheRecordsLetterWasIssued()
    {
        var request = FlaggedAndApproved();

        var ex = Assert.Throws<DomainRuleException>(() => request.RestateRecordsContent([RecordA], RecordsText, null, Why, TestData.Staff, RestatedAt, answerLetterIssued: true));

        Assert.Equal("restate.issued", ex.Code);
        Assert.Contains("発行済み", ex.Japanese, StringComparison.Ordinal);
        Assert.True(Records(request).ContentNeedsReview);
    }

    [Fact]
    public void RefusedWhenTheOutcomeIsNotFlagged()
    {
        var request = FlaggedAndApproved(flag: false);

        var ex = Assert.Throws<DomainRuleException>(() => request.RestateRecordsContent([RecordA], RecordsText, null, Why, TestData.Staff, RestatedAt, false));

        Assert.Equal("restate.notFlagged", ex.Code);
        Assert.Equal(TestData.DisclosedContent, Records(request).Content);
    }

    [Fact]
    public void RefusedWhenTheDecisionIsNotApproved()
    {
        var request = FlaggedAndApproved(approve: false);

        var ex = Assert.Throws<DomainRuleException>(() => request.RestateRecordsContent([RecordA], RecordsText, null, Why, TestData.Staff, RestatedAt, false));

        Assert.Equal("restate.notApproved", ex.Code);
        Assert.Contains("差し戻して", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondRestatementIsRefused()
    {
        var request = FlaggedAndApproved();
        request.RestateRecordsContent([RecordA], RecordsText, null, Why, TestData.Staff, RestatedAt, false);

        Assert.Equal("restate.notFlagged", Assert.Throws<DomainRuleException>(() =>
            request.RestateRecordsContent([RecordB], RecordsText, null, Why, TestData.Staff, RestatedAt, false)).Code);
    }

    [Fact]
    public void TheRestaterCannotApproveTheRestatementAnotherSupervisorCan()
    {
        var request = FlaggedAndApproved();
        request.RestateRecordsContent([RecordA], RecordsText, null, Why, TestData.Supervisor, RestatedAt, false);
        ((IEventSource)request).TakeEvents();

        var self = Assert.Throws<DomainRuleException>(() => request.ApproveRecordsRestatement(TestData.Supervisor, RestatedAt.AddHours(1)));
        Assert.Equal("restate.selfApproval", self.Code);
        Assert.True(Records(request).RestatementAwaitsApproval);

        // The original decider is a second pair of eyes on someone else's restatement.
        request.ApproveRecordsRestatement(TestData.Staff, RestatedAt.AddHours(1));

        Assert.False(Records(request).RestatementAwaitsApproval);
        Assert.Equal(TestData.Staff, Records(request).RestatementApprovedBy);
        var approved = Assert.IsType<RecordsRestatementApproved>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal(TestData.Supervisor, approved.RestatedBy);
        Assert.Equal("restate.nothingToApprove", Assert.Throws<DomainRuleException>(() =>
            request.ApproveRecordsRestatement("supervisor-002", RestatedAt.AddHours(2))).Code);
    }
}
