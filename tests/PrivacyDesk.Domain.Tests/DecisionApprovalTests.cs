using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Four-eyes approval of a request's decision: only an approved decision may close the request.</summary>
public class DecisionApprovalTests
{
    private static readonly DateTimeOffset DecidedAt = TestData.Jst(2026, 11, 9, 10);
    private static readonly DateTimeOffset ApprovedAt = TestData.Jst(2026, 11, 9, 16);

    /// <summary>A correction in review (complete on 2 November), ready to be decided.</summary>
    private static PrivacyRequest InReview()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 15), TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.InReview, request.Status);
        return request;
    }

    /// <summary>The same request decided by <see cref="TestData.Staff"/>, waiting for approval.</summary>
    private static PrivacyRequest Pending(out Decision decision)
    {
        var request = InReview();
        decision = TestData.DecisionFor(request, KindOutcome.Done, DecidedAt, TestData.Staff);
        request.Decide(decision);
        return request;
    }

    private static void AssertRefused(PrivacyRequest request, Action operation, string code, string japanese)
    {
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(operation);

        Assert.Equal(code, ex.Code);
        Assert.Equal(japanese, ex.Japanese);
        Assert.False(string.IsNullOrWhiteSpace(ex.English));
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void DecisionWaitsForApprovalByDefault()
    {
        var request = Pending(out var decision);

        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Same(decision, request.Decision);
        Assert.False(decision.IsApproved);
        Assert.Null(decision.ApprovedBy);
        Assert.Null(decision.ApprovedAt);
    }

    [Fact]
    public void ADecisionThatArrivesAlreadyApprovedIsRefused()
    {
        // Approving one's own decision before handing it in must not get round the four-eyes rule.
        var request = InReview();
        var decision = TestData.DecisionFor(request, KindOutcome.Done, DecidedAt, TestData.Staff);
        decision.Approve(TestData.Staff, DecidedAt, fourEyes: false);

        AssertRefused(request, () => request.Decide(decision), "decision.preApproved", "承認済みの決定は入力できません。");
    }

    [Fact]
    public void SelfApprovalIsRefused()
    {
        var request = Pending(out var decision);

        AssertRefused(
            request,
            () => request.ApproveDecision(TestData.Staff, ApprovedAt),
            "decision.selfApproval",
            "決定を入力した本人は承認できません。別の責任者が承認してください。");
        Assert.False(decision.IsApproved);
        Assert.Null(decision.ApprovedBy);
    }

    [Fact]
    public void AnotherApproverApproves()
    {
        var request = Pending(out var decision);
        var before = RequestSnapshot.Of(request);

        request.ApproveDecision(TestData.Supervisor, ApprovedAt);

        Assert.True(decision.IsApproved);
        Assert.Equal(TestData.Supervisor, decision.ApprovedBy);
        Assert.Equal(ApprovedAt, decision.ApprovedAt);
        Assert.Equal(TestData.Staff, decision.DecidedBy);

        // Approval is no status change and does not touch the clock: only the approval itself differs.
        Assert.Equal(before with { ApprovedBy = TestData.Supervisor, ApprovedAt = ApprovedAt }, RequestSnapshot.Of(request));
    }

    [Fact]
    public void DoubleApprovalIsRefused()
    {
        var request = Pending(out var decision);
        request.ApproveDecision(TestData.Supervisor, ApprovedAt);

        AssertRefused(
            request,
            () => request.ApproveDecision(TestData.SecondSupervisor, ApprovedAt.AddHours(1)),
            "decision.alreadyApproved",
            "この決定はすでに承認されています。");
        Assert.Equal(TestData.Supervisor, decision.ApprovedBy);
        Assert.Equal(ApprovedAt, decision.ApprovedAt);
    }

    public static TheoryData<string> WithoutPendingDecision => new("in review", "identity check", "sent back", "closed");

    [Theory]
    [MemberData(nameof(WithoutPendingDecision))]
    public void ApprovalWithoutAPendingDecisionIsRefused(string situation)
    {
        var request = InReview();
        switch (situation)
        {
            case "identity check":
                request = RequestBuilder.Correction().Build();
                request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
                break;
            case "sent back":
                request.Decide(TestData.DecisionFor(request, KindOutcome.Done, DecidedAt, TestData.Staff));
                request.SendBackForRevision("実施内容を具体的に記載してください。", TestData.Supervisor, ApprovedAt);
                break;
            case "closed":
                TestData.DecideAndApprove(request, KindOutcome.Done, DecidedAt);
                request.Close(TestData.Staff, TestData.Jst(2026, 11, 10));
                break;
        }

        AssertRefused(
            request,
            () => request.ApproveDecision(TestData.SecondSupervisor, TestData.Jst(2026, 11, 11)),
            "decision.nothingToApprove",
            "承認待ちの決定がありません。");
    }

    [Fact]
    public void DecisionNotRequiringApprovalIsApprovedByItsDeciderAtOnce()
    {
        var request = InReview();
        var decision = TestData.DecisionFor(request, KindOutcome.NotDone, DecidedAt, TestData.Staff);

        request.Decide(decision, requiresApproval: false);

        Assert.True(decision.IsApproved);
        Assert.Equal(TestData.Staff, decision.ApprovedBy);
        Assert.Equal(DecidedAt, decision.ApprovedAt);

        // Nothing left to approve, and the request may close straight away.
        AssertRefused(
            request,
            () => request.ApproveDecision(TestData.Supervisor, ApprovedAt),
            "decision.alreadyApproved",
            "この決定はすでに承認されています。");
        request.Close(TestData.Staff, ApprovedAt);
        Assert.Equal(RequestStatus.Closed, request.Status);
    }

    [Fact]
    public void CloseIsRefusedUntilTheDecisionIsApproved()
    {
        var request = Pending(out _);

        AssertRefused(
            request,
            () => request.Close(TestData.Staff, ApprovedAt),
            "decision.notApproved",
            "決定が承認されていないため、完了にできません。");
        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.True(request.IsOpen);
        Assert.Null(request.ClosedAt);

        request.ApproveDecision(TestData.Supervisor, ApprovedAt);
        var closedAt = TestData.Jst(2026, 11, 10);
        request.Close(TestData.Staff, closedAt);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(closedAt, request.ClosedAt);
        Assert.False(request.IsOpen);
    }

    [Fact]
    public void SentBackDecisionIsClearedAndTheNewOneNeedsApprovalAgain()
    {
        var request = Pending(out var first);

        request.SendBackForRevision("訂正した項目を明記してください。", TestData.Supervisor, TestData.Jst(2026, 11, 10));

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);

        var second = new Decision(
            [new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, "住所を「東京都新宿区新宿6-24-20」に訂正しました（2026年11月10日）。")],
            TestData.Staff,
            TestData.Jst(2026, 11, 11));
        request.Decide(second);

        Assert.Same(second, request.Decision);
        Assert.False(second.IsApproved);
        Assert.False(first.IsApproved);
        AssertRefused(
            request,
            () => request.Close(TestData.Staff, TestData.Jst(2026, 11, 11, 12)),
            "decision.notApproved",
            "決定が承認されていないため、完了にできません。");

        request.ApproveDecision(TestData.SecondSupervisor, TestData.Jst(2026, 11, 11, 15));
        request.Close(TestData.Staff, TestData.Jst(2026, 11, 12));
        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(TestData.SecondSupervisor, request.Decision!.ApprovedBy);
    }

    [Fact]
    public void ApprovedDecisionCannotBeSentBack()
    {
        // Its letter may already have gone out: an approved decision is answered, not revised (was a rule of the
        // approval page's handler).
        var request = Pending(out var decision);
        request.ApproveDecision(TestData.Supervisor, ApprovedAt);

        AssertRefused(
            request,
            () => request.SendBackForRevision("訂正した項目を明記してください。", TestData.Supervisor, TestData.Jst(2026, 11, 10)),
            "decision.approvedAlready",
            "承認済みの決定は差し戻せません。");
        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Same(decision, request.Decision);
    }

    [Fact]
    public void UnapprovedDecisionCanBeSentBack()
    {
        var request = Pending(out _);

        request.SendBackForRevision("理由を補足してください。", TestData.Supervisor, ApprovedAt);

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);
    }

    [Fact]
    public void RefusedDecisionIsNotApprovedOnTheWay()
    {
        // Decide without approval on a request that cannot be decided (still being checked): nothing happens, and the
        // decision object is not left approved for a later Decide.
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        var decision = TestData.DecisionFor(request, KindOutcome.Done, DecidedAt, TestData.Staff);
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() => request.Decide(decision, requiresApproval: false));

        Assert.False(decision.IsApproved);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }
}
