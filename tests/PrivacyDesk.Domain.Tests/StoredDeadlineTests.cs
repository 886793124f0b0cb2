using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// The stored <see cref="PrivacyRequest.DueAt"/> (kept for the staff queue's sort) must always agree with what
/// <see cref="DeadlineClock.Evaluate"/> computes from the status history.
/// </summary>
public class StoredDeadlineTests
{
    private static void AssertAgrees(PrivacyRequest request, DeadlineClock clock)
    {
        var state = clock.Evaluate(request.ReceivedAt, request.StatusHistory, request.StatusHistory[^1].At);
        if (state.IsPaused)
        {
            Assert.Null(request.DueAt);
            Assert.NotNull(request.ClockPausedSince);
            Assert.Equal(request.StatusHistory[^1].At, request.ClockPausedSince.Value);
        }
        else
        {
            Assert.NotNull(request.DueAt);
            Assert.Null(request.ClockPausedSince);
            Assert.Equal(request.ReceivedAt + TimeSpan.FromDays(clock.TargetDays) + state.Paused, request.DueAt.Value);
            Assert.Equal(state.Paused, request.PausedTotal);
            Assert.Equal(state.DueDate, JapaneseText.JstDate(request.DueAt.Value));
            Assert.Equal(TimeSpan.Zero, request.DueAt.Value.Offset);
        }
    }

    [Fact]
    public void ReceiptSetsTheDueInstant()
    {
        var request = RequestBuilder.Disclosure().Build();

        Assert.Equal(TestData.ReceivedAt.AddDays(14), request.DueAt);
        Assert.Equal(14, request.ResponseTargetDays);
        Assert.Null(request.ClockPausedSince);
        Assert.Equal(TimeSpan.Zero, request.PausedTotal);
    }

    [Fact]
    public void TheTargetComesFromTheClockGiven()
    {
        var request = RequestBuilder.Disclosure().WithDeadlineClock(new DeadlineClock(7)).Build();

        Assert.Equal(TestData.ReceivedAt.AddDays(7), request.DueAt);
        Assert.Equal(7, request.ResponseTargetDays);
    }

    [Fact]
    public void PauseForTheFeeThenResumeMovesTheDueInstantByThePause()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 3, 10), IdentityChecklist.For(request.RequesterType));

        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Null(request.DueAt);
        Assert.Equal(TestData.Jst(2026, 11, 3, 10), request.ClockPausedSince);

        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 8, 10)));

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal(TimeSpan.FromDays(5), request.PausedTotal);
        Assert.Equal(TestData.ReceivedAt.AddDays(19), request.DueAt);
        Assert.Null(request.ClockPausedSince);
        AssertAgrees(request, new DeadlineClock());
    }

    [Fact]
    public void DeficiencyPausesAndTheDecisionKeepsTheDueInstant()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.ReturnForDeficiency("不鮮明", TestData.Staff, TestData.Jst(2026, 11, 3, 10));
        Assert.Null(request.DueAt);

        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 5, 10));
        var resumed = request.DueAt;
        Assert.Equal(TestData.ReceivedAt.AddDays(16), resumed);

        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 6, 10), IdentityChecklist.For(request.RequesterType));
        request.Decide(TestData.DecisionFor(request, KindOutcome.Done, TestData.Jst(2026, 11, 30, 10)));
        Assert.Equal(resumed, request.DueAt);
        request.Close(TestData.Staff, TestData.Jst(2026, 12, 1, 10));
        Assert.Equal(resumed, request.DueAt);
        Assert.False(request.IsOpen);
        AssertAgrees(request, new DeadlineClock());
    }

    [Fact]
    public void AssignmentIsForOpenRequestsOnly()
    {
        var request = RequestBuilder.StopUse().Build();
        request.AssignTo("staff-7", TestData.Supervisor, TestData.Jst(2026, 11, 2, 12));
        Assert.Equal("staff-7", request.AssignedTo);

        request.AssignTo(null, TestData.Supervisor, TestData.Jst(2026, 11, 2, 13));
        Assert.Null(request.AssignedTo);

        request.Withdraw(PrivacyRequest.MemberActor, TestData.Jst(2026, 11, 3));
        Assert.Throws<DomainRuleException>(() => request.AssignTo("staff-7", TestData.Supervisor, TestData.Jst(2026, 11, 4)));
    }

    [Theory]
    [InlineData(1, 14)]
    [InlineData(2, 14)]
    [InlineData(3, 7)]
    [InlineData(4, 30)]
    [InlineData(5, 14)]
    public void DueAtAgreesWithTheClockAcrossRandomTransitionSequences(int seed, int targetDays)
    {
        var random = new Random(seed);
        var clock = new DeadlineClock(targetDays);
        for (var run = 0; run < 300; run++)
        {
            var family = (RequestFamily)random.Next(1, 4);
            var requesterType = (RequesterType)random.Next(1, 4);
            var request = RequestBuilder.Of(family).By(requesterType).WithDeadlineClock(clock).Build();
            TestData.AttachCompleteDocuments(request);
            AssertAgrees(request, clock);

            var at = request.ReceivedAt;
            for (var step = 0; step < 12 && request.IsOpen; step++)
            {
                // Steps are minutes to days apart, sometimes at the same instant.
                at += random.Next(5) == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(random.Next(1, 60 * 24 * 6));
                if (!TryRandomStep(request, random, at))
                {
                    break;
                }

                AssertAgrees(request, clock);
            }
        }
    }

    private static bool TryRandomStep(PrivacyRequest request, Random random, DateTimeOffset at)
    {
        Action[] choices = request.Status switch
        {
            RequestStatus.Received =>
            [
                () => request.StartIdentityCheck(TestData.Staff, at),
                () => request.StartIdentityCheck(TestData.Staff, at),
                () => request.Withdraw(PrivacyRequest.MemberActor, at),
                () => request.Reject("不備", TestData.Staff, at),
            ],
            RequestStatus.IdentityCheck =>
            [
                () => request.AcceptIdentity(TestData.Staff, at, IdentityChecklist.For(request.RequesterType)),
                () => request.AcceptIdentity(TestData.Staff, at, IdentityChecklist.For(request.RequesterType)),
                () => request.ReturnForDeficiency("不鮮明", TestData.Staff, at),
                () => request.Withdraw(PrivacyRequest.MemberActor, at),
            ],
            RequestStatus.ReturnedForDeficiency =>
            [
                () => request.StartIdentityCheck(TestData.Staff, at),
                () => request.StartIdentityCheck(TestData.Staff, at),
                () => request.Reject("期限内に再提出なし", TestData.Staff, at),
            ],
            RequestStatus.AwaitingFee =>
            [
                () => request.RecordPayment(TestData.Payment(request.FeeDueYen, at)),
                () => request.RecordPayment(TestData.Payment(request.FeeDueYen, at)),
                () => request.Withdraw(PrivacyRequest.MemberActor, at),
            ],
            RequestStatus.InReview =>
            [
                () => request.Decide(TestData.DecisionFor(request, request.Family == RequestFamily.Disclosure ? KindOutcome.FullDisclosure : KindOutcome.Done, at)),
                () => request.Decide(TestData.DecisionFor(request, KindOutcome.NoDataHeld, at)),
                () => request.ReturnForDeficiency("追加の確認", TestData.Staff, at),
            ],
            RequestStatus.Decided =>
            [
                () => request.Close(TestData.Staff, at),
                () => request.SendBackForRevision("理由の記載を補足", TestData.Supervisor, at),
            ],
            _ => [],
        };

        if (choices.Length == 0)
        {
            return false;
        }

        choices[random.Next(choices.Length)]();
        return true;
    }
}
