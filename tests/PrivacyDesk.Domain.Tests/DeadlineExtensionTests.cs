using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Staff set a later answer date with a reason (ADR 0016); and a decision waiting for approval shows as such.</summary>
public class DeadlineExtensionTests
{
    private static PrivacyRequest InReview()
    {
        // Received 2 November 10:00 JST (due 16 November); a correction has no fee, so acceptance puts it in review.
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 4), TestData.FullChecklist(request));
        return request;
    }

    [Fact]
    public void ExtensionMovesTheDueDateAndKeepsTheReason()
    {
        var request = InReview();

        request.ExtendDeadline(new DateOnly(2026, 11, 30), " 記録の調査に時間を要するため ", TestData.Staff, TestData.Jst(2026, 11, 10));

        Assert.Equal(14, request.DeadlineExtensionDays);
        Assert.Equal(new DateOnly(2026, 11, 30), request.DeadlineExtendedTo);
        Assert.Equal("記録の調査に時間を要するため", request.DeadlineExtensionReason);
        Assert.Equal(TestData.Jst(2026, 11, 30, 10), request.DueAt);
        var state = request.DeadlineAt(TestData.Jst(2026, 11, 20));
        Assert.Equal(new DateOnly(2026, 11, 30), state.DueDate);
        Assert.False(state.IsOverdue);
        Assert.Equal(14, request.ResponseTargetDays); // the target at receipt is unchanged
    }

    [Fact]
    public void LaterWaitForTheMemberStillMovesAnExtendedDate()
    {
        var request = InReview();
        request.ExtendDeadline(new DateOnly(2026, 11, 20), "調査のため", TestData.Staff, TestData.Jst(2026, 11, 5));

        request.ReturnForDeficiency("委任状の日付が空欄です。", TestData.Staff, TestData.Jst(2026, 11, 6));
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 8));

        Assert.Equal(TestData.Jst(2026, 11, 22, 10), request.DueAt);
    }

    [Fact]
    public void SecondExtensionAddsToTheFirst()
    {
        var request = InReview();
        request.ExtendDeadline(new DateOnly(2026, 11, 20), "調査のため", TestData.Staff, TestData.Jst(2026, 11, 5));
        request.ExtendDeadline(new DateOnly(2026, 11, 27), "関係部署の確認のため", TestData.Staff, TestData.Jst(2026, 11, 18));

        Assert.Equal(11, request.DeadlineExtensionDays);
        Assert.Equal(new DateOnly(2026, 11, 27), request.DeadlineExtendedTo);
        Assert.Equal("関係部署の確認のため", request.DeadlineExtensionReason);
    }

    [Theory]
    [InlineData(2026, 11, 16, "deadline.notLater")] // the current date itself
    [InlineData(2026, 11, 10, "deadline.notLater")]
    [InlineData(2027, 1, 16, "deadline.tooLong")] // 61 days later
    public void ExtensionMustBeLaterAndBounded(int year, int month, int day, string code)
    {
        var request = InReview();
        var before = RequestSnapshot.Of(request);

        var error = Assert.Throws<DomainRuleException>(() =>
            request.ExtendDeadline(new DateOnly(year, month, day), "調査のため", TestData.Staff, TestData.Jst(2026, 11, 5)));

        Assert.Equal(code, error.Code);
        Assert.Equal(before, RequestSnapshot.Of(request));
        Assert.Equal(0, request.DeadlineExtensionDays);
        Assert.Null(request.DeadlineExtendedTo);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ExtensionNeedsAReason(string reason)
    {
        var request = InReview();

        var error = Assert.Throws<DomainRuleException>(() =>
            request.ExtendDeadline(new DateOnly(2026, 11, 30), reason, TestData.Staff, TestData.Jst(2026, 11, 5)));

        Assert.Equal("status.reason", error.Code);
        Assert.Equal(0, request.DeadlineExtensionDays);
    }

    [Fact]
    public void NoExtensionWhilePausedOrAfterTheEnd()
    {
        var paused = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(paused);
        paused.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        paused.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 3), TestData.FullChecklist(paused));
        Assert.Equal("deadline.paused", Assert.Throws<DomainRuleException>(() =>
            paused.ExtendDeadline(new DateOnly(2026, 12, 1), "調査のため", TestData.Staff, TestData.Jst(2026, 11, 5))).Code);

        var ended = InReview();
        ended.Withdraw(TestData.Staff, TestData.Jst(2026, 11, 5));
        Assert.Equal("deadline.ended", Assert.Throws<DomainRuleException>(() =>
            ended.ExtendDeadline(new DateOnly(2026, 12, 1), "調査のため", TestData.Staff, TestData.Jst(2026, 11, 6))).Code);
    }

    [Fact]
    public void DecisionWaitsForApprovalAsItsOwnStageAndKeepsCounting()
    {
        var request = InReview();
        request.Decide(TestData.DecisionFor(request, KindOutcome.Done, TestData.Jst(2026, 11, 12), TestData.Staff));

        Assert.True(request.IsAwaitingApproval);
        Assert.Equal("承認待ち", Labels.Stage(request.Status, decisionApproved: false).Japanese);
        Assert.Equal("審査中", Labels.Stage(RequestStatus.InReview, decisionApproved: false).Japanese);
        Assert.True(request.DeadlineAt(TestData.Jst(2026, 11, 17)).IsOverdue);
        Assert.NotNull(request.DueAt);

        request.ApproveDecision(TestData.Supervisor, TestData.Jst(2026, 11, 13));
        Assert.False(request.IsAwaitingApproval);
        Assert.Equal("承認済み・通知書発行待ち", Labels.Stage(request.Status, decisionApproved: true).Japanese);
        Assert.True(request.DeadlineAt(TestData.Jst(2026, 11, 17)).IsOverdue);

        request.Close(TestData.Staff, TestData.Jst(2026, 11, 14));
        var closed = request.DeadlineAt(TestData.Jst(2026, 12, 31));
        Assert.Equal(TestData.Jst(2026, 11, 14), closed.AnsweredAt);
        Assert.False(closed.AnsweredLate);
    }
}
