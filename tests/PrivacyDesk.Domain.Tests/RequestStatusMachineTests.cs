using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class RequestStatusMachineTests
{
    /// <summary>
    /// The transitions the issue specifies, written out here independently of the production table: a change to the
    /// table must fail these tests.
    /// </summary>
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Expected = new()
    {
        [RequestStatus.Received] = [RequestStatus.IdentityCheck, RequestStatus.Withdrawn, RequestStatus.Rejected],
        [RequestStatus.IdentityCheck] =
        [
            RequestStatus.AwaitingFee, RequestStatus.InReview, RequestStatus.ReturnedForDeficiency,
            RequestStatus.Withdrawn, RequestStatus.Rejected,
        ],
        [RequestStatus.ReturnedForDeficiency] = [RequestStatus.IdentityCheck, RequestStatus.Withdrawn, RequestStatus.Rejected],
        [RequestStatus.AwaitingFee] = [RequestStatus.InReview, RequestStatus.Withdrawn, RequestStatus.Rejected],
        [RequestStatus.InReview] = [RequestStatus.Decided, RequestStatus.ReturnedForDeficiency, RequestStatus.Withdrawn],
        [RequestStatus.Decided] = [RequestStatus.Closed, RequestStatus.InReview],
        [RequestStatus.Closed] = [],
        [RequestStatus.Withdrawn] = [],
        [RequestStatus.Rejected] = [],
    };

    public static TheoryData<RequestStatus> AllStatuses => new(Enum.GetValues<RequestStatus>());

    public static TheoryData<RequestStatus, RequestStatus> AllowedPairs
    {
        get
        {
            var data = new TheoryData<RequestStatus, RequestStatus>();
            foreach (var from in Enum.GetValues<RequestStatus>())
            {
                foreach (var to in RequestStatusMachine.AllowedFrom(from))
                {
                    data.Add(from, to);
                }
            }

            return data;
        }
    }

    public static TheoryData<RequestStatus, RequestStatus> RefusedPairs
    {
        get
        {
            var data = new TheoryData<RequestStatus, RequestStatus>();
            foreach (var from in Enum.GetValues<RequestStatus>())
            {
                foreach (var to in Enum.GetValues<RequestStatus>().Except(Expected[from]))
                {
                    data.Add(from, to);
                }
            }

            return data;
        }
    }

    [Fact]
    public void ExpectedTableCoversEveryStatus()
    {
        Assert.Equal(Enum.GetValues<RequestStatus>().Order(), Expected.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void AllowedFromIsExactlyTheExpectedSet(RequestStatus from)
    {
        Assert.Equal(Expected[from].Order(), RequestStatusMachine.AllowedFrom(from).Order());
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void EveryTransitionInTheTableIsAllowedAndExpected(RequestStatus from, RequestStatus to)
    {
        Assert.Contains(to, Expected[from]);
        Assert.True(RequestStatusMachine.CanTransition(from, to));
        RequestStatusMachine.EnsureCanTransition(from, to);
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void EveryOtherTransitionIsRefusedInJapanese(RequestStatus from, RequestStatus to)
    {
        Assert.False(RequestStatusMachine.CanTransition(from, to));

        var ex = Assert.Throws<InvalidStatusTransitionException>(() => RequestStatusMachine.EnsureCanTransition(from, to));

        Assert.Equal(from, ex.From);
        Assert.Equal(to, ex.To);
        Assert.Equal("status.transition", ex.Code);
        Assert.Equal($"状態を「{Labels.Status(from).Japanese}」から「{Labels.Status(to).Japanese}」へ変更することはできません。", ex.Message);
        Assert.Equal(ex.Japanese, ex.MessageFor("ja"));
        Assert.Equal(ex.English, ex.MessageFor("en"));
        Assert.IsAssignableFrom<DomainRuleException>(ex);
    }

    [Fact]
    public void ReceivedToDecidedIsRefused()
    {
        var ex = Assert.Throws<InvalidStatusTransitionException>(() =>
            RequestStatusMachine.EnsureCanTransition(RequestStatus.Received, RequestStatus.Decided));

        Assert.Equal("状態を「受付」から「決定済み」へ変更することはできません。", ex.Message);
        Assert.Equal("A request cannot move from \"Received\" to \"Decided\".", ex.English);
    }

    [Fact]
    public void ClosedGoesNowhere()
    {
        foreach (var to in Enum.GetValues<RequestStatus>())
        {
            var ex = Assert.Throws<InvalidStatusTransitionException>(() =>
                RequestStatusMachine.EnsureCanTransition(RequestStatus.Closed, to));
            Assert.StartsWith("状態を「完了」から", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoStatusCanMoveToItself()
    {
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            Assert.False(RequestStatusMachine.CanTransition(status, status), status.ToString());
        }
    }

    [Fact]
    public void NothingReturnsToReceived()
    {
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            Assert.False(RequestStatusMachine.CanTransition(status, RequestStatus.Received), status.ToString());
        }
    }

    [Theory]
    [InlineData(RequestStatus.Received, false)]
    [InlineData(RequestStatus.IdentityCheck, false)]
    [InlineData(RequestStatus.AwaitingFee, false)]
    [InlineData(RequestStatus.InReview, false)]
    [InlineData(RequestStatus.Decided, false)]
    [InlineData(RequestStatus.ReturnedForDeficiency, false)]
    [InlineData(RequestStatus.Closed, true)]
    [InlineData(RequestStatus.Withdrawn, true)]
    [InlineData(RequestStatus.Rejected, true)]
    public void TerminalStatuses(RequestStatus status, bool expected)
    {
        Assert.Equal(expected, RequestStatusMachine.IsTerminal(status));
    }

    [Theory]
    [InlineData(RequestStatus.Received, false)]
    [InlineData(RequestStatus.IdentityCheck, false)]
    [InlineData(RequestStatus.AwaitingFee, true)]
    [InlineData(RequestStatus.InReview, false)]
    [InlineData(RequestStatus.Decided, false)]
    [InlineData(RequestStatus.ReturnedForDeficiency, true)]
    [InlineData(RequestStatus.Closed, false)]
    [InlineData(RequestStatus.Withdrawn, false)]
    [InlineData(RequestStatus.Rejected, false)]
    public void WaitingForMemberStatuses(RequestStatus status, bool expected)
    {
        Assert.Equal(expected, RequestStatusMachine.IsWaitingForMember(status));
    }

    [Theory]
    [InlineData(RequestStatus.Received, false)]
    [InlineData(RequestStatus.IdentityCheck, false)]
    [InlineData(RequestStatus.AwaitingFee, false)]
    [InlineData(RequestStatus.InReview, false)]
    [InlineData(RequestStatus.Decided, false)] // 承認待ち: the answer has not gone out (ADR 0016)
    [InlineData(RequestStatus.ReturnedForDeficiency, false)]
    [InlineData(RequestStatus.Closed, true)]
    [InlineData(RequestStatus.Withdrawn, true)]
    [InlineData(RequestStatus.Rejected, true)]
    public void AnsweredStatuses(RequestStatus status, bool expected)
    {
        Assert.Equal(expected, RequestStatusMachine.HasAnswered(status));
    }

    [Fact]
    public void RefusedTransitionOnARequestLeavesStatusAndHistoryUnchanged()
    {
        var request = RequestBuilder.Disclosure().Build();
        var before = request.StatusHistory.ToArray();
        var snapshot = RequestSnapshot.Of(request);

        var ex = Assert.Throws<InvalidStatusTransitionException>(() => request.Close(TestData.Staff, TestData.Jst(2026, 11, 3)));
        Assert.Equal(snapshot, RequestSnapshot.Of(request));

        Assert.Equal(RequestStatus.Received, ex.From);
        Assert.Equal(RequestStatus.Closed, ex.To);
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Equal(before, request.StatusHistory);
        Assert.Null(request.ClosedAt);
    }

    [Fact]
    public void ClosedRequestRefusesEveryMethodAndKeepsItsHistory()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 12), TestData.FullChecklist(request));
        TestData.DecideAndApprove(request, KindOutcome.Done, TestData.Jst(2026, 11, 5));
        var closedAt = TestData.Jst(2026, 11, 6);
        request.Close(TestData.Staff, closedAt);
        var before = request.StatusHistory.ToArray();
        var snapshot = RequestSnapshot.Of(request);
        var at = TestData.Jst(2026, 11, 7);

        Assert.Throws<InvalidStatusTransitionException>(() => request.StartIdentityCheck(TestData.Staff, at));
        Assert.Throws<InvalidStatusTransitionException>(() => request.AcceptIdentity(TestData.Staff, at, TestData.FullChecklist(request)));
        Assert.Throws<InvalidStatusTransitionException>(() => request.ReturnForDeficiency("書類不備", TestData.Staff, at));
        Assert.Throws<InvalidStatusTransitionException>(() => request.Decide(TestData.DecisionFor(request, KindOutcome.Done, at)));
        Assert.Throws<InvalidStatusTransitionException>(() => request.SendBackForRevision("再検討", TestData.Supervisor, at));
        Assert.Throws<InvalidStatusTransitionException>(() => request.Close(TestData.Staff, at));
        Assert.Throws<InvalidStatusTransitionException>(() => request.Withdraw(PrivacyRequest.MemberActor, at));
        Assert.Throws<InvalidStatusTransitionException>(() => request.Reject("却下理由", TestData.Staff, at));
        Assert.Equal("decision.nothingToApprove", Assert.Throws<DomainRuleException>(() => request.ApproveDecision(TestData.SecondSupervisor, at)).Code);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(before, request.StatusHistory);
        Assert.Equal(closedAt, request.ClosedAt);
        Assert.Equal(snapshot, RequestSnapshot.Of(request));
    }
}
