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

        Assert.Equal(ExpectedCompletedAt(request), request.CompletedAt);
        Assert.Equal(ExpectedDueAt(request, clock.TargetDays), request.DueAt);
    }

    // An oracle written without DeadlineClock: the target counts from receipt (ADR 0016), and every wait for the
    // member adds to it. Pauses are intervals
    // between history entries here, not the clock's running sums, so the two formulations check each other.
    private static readonly RequestStatus[] WaitingForMember = [RequestStatus.ReturnedForDeficiency, RequestStatus.AwaitingFee];

    private static DateTimeOffset? ExpectedCompletedAt(PrivacyRequest request) =>
        request.StatusHistory.FirstOrDefault(c => c.To == RequestStatus.InReview)?.At;

    private static DateTimeOffset? ExpectedDueAt(PrivacyRequest request, int targetDays)
    {
        var history = request.StatusHistory;
        if (WaitingForMember.Contains(history[^1].To))
        {
            return null;
        }

        var start = request.ReceivedAt;
        var waited = TimeSpan.Zero;
        for (var i = 0; i < history.Count - 1; i++)
        {
            if (WaitingForMember.Contains(history[i].To))
            {
                var from = history[i].At > start ? history[i].At : start;
                var to = history[i + 1].At;
                waited += to > from ? to - from : TimeSpan.Zero;
            }
        }

        return start + TimeSpan.FromDays(targetDays) + waited;
    }

    [Fact]
    public void ReceiptSetsTheDueInstant()
    {
        var request = RequestBuilder.Disclosure().Build();

        Assert.Equal(TestData.ReceivedAt.AddDays(14), request.DueAt);
        Assert.Equal(14, request.ResponseTargetDays);
        Assert.Null(request.ClockPausedSince);
        Assert.Equal(TimeSpan.Zero, request.PausedTotal);
        Assert.Null(request.CompletedAt);
    }

    [Fact]
    public void TheTargetComesFromTheClockGiven()
    {
        var request = RequestBuilder.Disclosure().WithDeadlineClock(new DeadlineClock(7)).Build();

        Assert.Equal(TestData.ReceivedAt.AddDays(7), request.DueAt);
        Assert.Equal(7, request.ResponseTargetDays);
    }

    [Fact]
    public void PaidFeeResumesTheClockCountedFromReceipt()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 3, 10), TestData.FullChecklist(request));

        // ID accepted but the fee unpaid: not complete yet, and the clock waits for the member.
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Null(request.DueAt);
        Assert.Null(request.CompletedAt);
        Assert.Equal(TestData.Jst(2026, 11, 3, 10), request.ClockPausedSince);

        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 8, 10)));

        // Paid on 8 November 10:00: complete. Only the 5 days waiting for the fee do not count: received 2 November
        // 10:00 + 14 days + 5 days = 21 November 10:00 JST (the day spent checking counts).
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal(TestData.Jst(2026, 11, 8, 10), request.CompletedAt);
        Assert.Equal(TimeSpan.Zero, request.CompletedAt!.Value.Offset);
        Assert.Equal(TimeSpan.FromDays(5), request.PausedTotal);
        Assert.Equal(TestData.Jst(2026, 11, 21, 10), request.DueAt);
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

        // Resubmitted on the 5th: the provisional due instant is receipt + 14 days + the 2 days waited.
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 5, 10));
        Assert.Equal(TestData.Jst(2026, 11, 18, 10), request.DueAt);
        Assert.Null(request.CompletedAt);

        // Accepted on the 6th (no fee for a correction): complete, but the target does not restart.
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 6, 10), TestData.FullChecklist(request));
        var completed = request.DueAt;
        Assert.Equal(TestData.Jst(2026, 11, 18, 10), completed);
        Assert.Equal(TestData.Jst(2026, 11, 6, 10), request.CompletedAt);

        // Decided late, approved, closed: the due instant stays where it was; the letter (Closed) stops the clock.
        TestData.DecideAndApprove(request, KindOutcome.Done, TestData.Jst(2026, 11, 30, 10));
        Assert.Equal(completed, request.DueAt);
        Assert.True(request.DeadlineAt(TestData.Jst(2026, 11, 30, 12)).IsOverdue);
        request.Close(TestData.Staff, TestData.Jst(2026, 12, 1, 10));
        Assert.Equal(completed, request.DueAt);
        Assert.True(request.DeadlineAt(TestData.Jst(2026, 12, 20, 10)).AnsweredLate);
        Assert.False(request.DeadlineAt(TestData.Jst(2026, 12, 20, 10)).IsOverdue);
        Assert.False(request.IsOpen);
        AssertAgrees(request, new DeadlineClock());
    }

    [Fact]
    public void CompletionIsStoredOnceAndALaterReturnAddsOnlyItsWait()
    {
        var request = RequestBuilder.StopUse().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 11));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 4, 10), TestData.FullChecklist(request));

        // Complete on 4 November 10:00: still due 16 November 10:00, two weeks from receipt.
        Assert.Equal(TestData.Jst(2026, 11, 4, 10), request.CompletedAt);
        Assert.Equal(TestData.Jst(2026, 11, 16, 10), request.DueAt);

        request.ReturnForDeficiency("委任状の日付が空欄です。", TestData.Staff, TestData.Jst(2026, 11, 6, 10));
        Assert.Null(request.DueAt);
        Assert.Equal(TestData.Jst(2026, 11, 4, 10), request.CompletedAt);

        // Resubmitted after 2 days 5 hours; checked again and accepted the next day: only the wait is added.
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 8, 15));
        Assert.Equal(TestData.Jst(2026, 11, 18, 15), request.DueAt);
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 9, 10), TestData.FullChecklist(request));

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal(TestData.Jst(2026, 11, 4, 10), request.CompletedAt);
        Assert.Equal(TestData.Jst(2026, 11, 18, 15), request.DueAt);
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
                () => request.AcceptIdentity(TestData.Staff, at, TestData.FullChecklist(request)),
                () => request.AcceptIdentity(TestData.Staff, at, TestData.FullChecklist(request)),
                () => Refused(request, () => request.AcceptIdentity(TestData.Staff, at, TestData.FullChecklist(request).Skip(1).ToArray())),
                () => request.ReturnForDeficiency("不鮮明", TestData.Staff, at, TestData.FullChecklist(request).Take(1)),
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
                () => request.Decide(TestData.DecisionFor(request, KindOutcome.NoDataHeld, at), requiresApproval: false),
                () => request.ReturnForDeficiency("追加の確認", TestData.Staff, at),
            ],
            RequestStatus.Decided when request.Decision!.IsApproved =>
            [
                () => request.Close(TestData.Staff, at),
                () => request.Close(TestData.Staff, at),
                () => Refused(request, () => request.SendBackForRevision("理由の記載を補足", TestData.Supervisor, at)),
            ],
            RequestStatus.Decided =>
            [
                () => request.ApproveDecision(TestData.SecondSupervisor, at),
                () => Refused(request, () => request.ApproveDecision(TestData.Supervisor, at)),
                () => Refused(request, () => request.Close(TestData.Staff, at)),
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

    /// <summary>An operation the rules refuse: it must throw and leave the request (and so its clock) as it was.</summary>
    private static void Refused(PrivacyRequest request, Action operation)
    {
        var before = RequestSnapshot.Of(request);
        Assert.Throws<DomainRuleException>(operation);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }
}
