using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

public class DeadlineClockTests
{
    /// <summary>
    /// Monday 2 November 2026, 10:00 JST; 14 days later is Monday 16 November. Expected dates below are worked out by
    /// hand: the target is receipt + 14 days + the waits for the member (ADR 0016); completion does not restart it.
    /// </summary>
    private static readonly DateTimeOffset Received = TestData.Jst(2026, 11, 2, 10);

    private static readonly DateOnly DefaultDue = new(2026, 11, 16);

    private static DateTimeOffset Day(int day, int hour = 10, int minute = 0) => TestData.Jst(2026, 11, day, hour, minute);

    /// <summary>A history that starts with the receipt and then moves through <paramref name="steps"/>.</summary>
    private static List<StatusChange> History(params (RequestStatus To, DateTimeOffset At)[] steps)
    {
        var history = new List<StatusChange> { new(null, RequestStatus.Received, Received, PrivacyRequest.MemberActor, null) };
        foreach (var (to, at) in steps)
        {
            history.Add(new StatusChange(history[^1].To, to, at, TestData.Staff, null));
        }

        return history;
    }

    [Fact]
    public void DefaultTargetIsFourteenDays()
    {
        Assert.Equal(14, DeadlineClock.DefaultTargetDays);
        Assert.Equal(14, new DeadlineClock().TargetDays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-14)]
    public void TargetMustBePositive(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineClock(days));
    }

    [Fact]
    public void FreshRequestIsDueFourteenDaysAfterReceipt()
    {
        var state = new DeadlineClock().Evaluate(Received, History(), Received);

        Assert.Equal(DefaultDue, state.DueDate);
        Assert.Equal(14, state.DaysLeft);
        Assert.Equal(TimeSpan.Zero, state.Paused);
        Assert.False(state.IsPaused);
        Assert.Null(state.AnsweredAt);
        Assert.False(state.IsAnswered);
        Assert.False(state.IsOverdue);
        Assert.False(state.AnsweredLate);
        Assert.True(state.IsDueWithin(14));
        Assert.False(state.IsDueWithin(13));
    }

    [Theory]
    [InlineData(7, 2026, 11, 9)]
    [InlineData(10, 2026, 11, 12)]
    [InlineData(30, 2026, 12, 2)]
    public void TargetIsConfigurable(int targetDays, int year, int month, int day)
    {
        var state = new DeadlineClock(targetDays).Evaluate(Received, History(), Received);

        Assert.Equal(new DateOnly(year, month, day), state.DueDate);
        Assert.Equal(targetDays, state.DaysLeft);
    }

    [Fact]
    public void ClockRunsFromReceiptThroughReview()
    {
        // Complete on 4 November 10:00 (ID accepted, no fee): still due 16 November, two weeks from receipt.
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)), (RequestStatus.InReview, Day(4)));
        var clock = new DeadlineClock();

        var dueDay = clock.Evaluate(Received, history, Day(16, 23, 59));
        Assert.Equal(DefaultDue, dueDay.DueDate);
        Assert.Equal(0, dueDay.DaysLeft);
        Assert.False(dueDay.IsOverdue);
        Assert.True(dueDay.IsDueWithin(0));

        var dayAfter = clock.Evaluate(Received, history, Day(17, 0, 1));
        Assert.Equal(-1, dayAfter.DaysLeft);
        Assert.True(dayAfter.IsOverdue);
        Assert.True(dayAfter.IsDueWithin(3));
    }

    [Theory]
    // Documents returned on the 3rd and resubmitted on the 6th: the target moves by the 3-day wait: 16 + 3 = 19
    // November; 9 days left on the 10th.
    [InlineData(RequestStatus.ReturnedForDeficiency, 3, 19, 9)]
    // Waiting for the fee from the 3rd, paid on the 6th: the same 3 days do not count, and completion moves nothing.
    [InlineData(RequestStatus.AwaitingFee, 3, 19, 9)]
    public void WaitingForTheMemberPausesTheClock(RequestStatus waiting, int pausedDays, int dueDay, int daysLeft)
    {
        var next = waiting == RequestStatus.AwaitingFee ? RequestStatus.InReview : RequestStatus.IdentityCheck;
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (waiting, Day(3)),
            (next, Day(6)));

        var state = new DeadlineClock().Evaluate(Received, history, Day(10));

        Assert.Equal(TimeSpan.FromDays(pausedDays), state.Paused);
        Assert.Equal(new DateOnly(2026, 11, dueDay), state.DueDate);
        Assert.Equal(daysLeft, state.DaysLeft);
        Assert.False(state.IsPaused);
    }

    [Fact]
    public void SeveralPausesBeforeCompletionAddUpOnTheProvisionalTarget()
    {
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.ReturnedForDeficiency, Day(3)),
            (RequestStatus.IdentityCheck, Day(5)), // 2 days
            (RequestStatus.ReturnedForDeficiency, Day(6, 9)),
            (RequestStatus.IdentityCheck, Day(6, 21))); // 12 hours

        var state = new DeadlineClock().Evaluate(Received, history, Day(10));

        Assert.Equal(TimeSpan.FromDays(2.5), state.Paused);

        // Receipt 2 November 10:00 + 14 days + 2.5 days = 18 November 22:00 JST.
        Assert.Equal(new DateOnly(2026, 11, 18), state.DueDate);
        Assert.Equal(8, state.DaysLeft);
    }

    [Fact]
    public void SeveralPausesBeforeAndAfterCompletionAllAddUp()
    {
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.ReturnedForDeficiency, Day(3)),
            (RequestStatus.IdentityCheck, Day(5)), // 2 days
            (RequestStatus.AwaitingFee, Day(5, 12)),
            (RequestStatus.InReview, Day(6, 12)), // 1 day; completion, which restarts nothing
            (RequestStatus.ReturnedForDeficiency, Day(7, 9)),
            (RequestStatus.IdentityCheck, Day(7, 21)), // 12 hours
            (RequestStatus.InReview, Day(8, 9)),
            (RequestStatus.ReturnedForDeficiency, Day(9, 9)),
            (RequestStatus.IdentityCheck, Day(9, 15)), // 6 hours
            (RequestStatus.InReview, Day(9, 16)));

        var state = new DeadlineClock().Evaluate(Received, history, Day(10));

        Assert.Equal(TimeSpan.FromDays(3) + TimeSpan.FromHours(18), state.Paused);

        // 2 November 10:00 + 14 days + 3 days 18 hours = 20 November 04:00 JST.
        Assert.Equal(new DateOnly(2026, 11, 20), state.DueDate);
        Assert.Equal(10, state.DaysLeft);
    }

    [Theory]
    [InlineData(13, 16)] // due 16 November 10:00 + 13 h = 23:00, still the 16th
    [InlineData(14, 17)] // 10:00 + 14 h = 00:00 on the 17th
    public void PartialDayPauseMovesTheDueDateOnlyPastMidnightJst(int pausedHours, int expectedDay)
    {
        // Complete on 3 November 10:00, then documents returned for some hours in review.
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.InReview, Day(3)),
            (RequestStatus.ReturnedForDeficiency, Day(5)),
            (RequestStatus.IdentityCheck, Day(5).AddHours(pausedHours)),
            (RequestStatus.InReview, Day(6)));

        var state = new DeadlineClock().Evaluate(Received, history, Day(7));

        Assert.Equal(new DateOnly(2026, 11, expectedDay), state.DueDate);
    }

    [Fact]
    public void OngoingPauseKeepsMovingTheDueDate()
    {
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.ReturnedForDeficiency, Day(3)),
            (RequestStatus.IdentityCheck, Day(4)), // 1 day, ended
            (RequestStatus.AwaitingFee, Day(5))); // still waiting
        var clock = new DeadlineClock();

        var state = clock.Evaluate(Received, history, Day(30));

        Assert.True(state.IsPaused);
        Assert.Equal(TimeSpan.FromDays(26), state.Paused);
        Assert.Equal(new DateOnly(2026, 12, 12), state.DueDate);
        Assert.Equal(12, state.DaysLeft);
        Assert.False(state.IsOverdue);
        Assert.Null(state.AnsweredAt);

        // Ten days later the member still has not paid: the due date has moved ten days, days left stays.
        var later = clock.Evaluate(Received, history, TestData.Jst(2026, 12, 10));
        Assert.Equal(new DateOnly(2026, 12, 22), later.DueDate);
        Assert.Equal(12, later.DaysLeft);
    }

    [Fact]
    public void PausedRequestIsNeverOverdue()
    {
        // The member was returned the documents on the last day; the clock stops with 0 days left, not late.
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)), (RequestStatus.ReturnedForDeficiency, Day(16, 9)));

        var state = new DeadlineClock().Evaluate(Received, history, TestData.Jst(2026, 12, 20));

        Assert.True(state.IsPaused);
        Assert.False(state.IsOverdue);
        Assert.Equal(0, state.DaysLeft);
    }

    [Fact]
    public void LateRequestIsNotOverdueWhileWaitingForTheMember()
    {
        // Already four days late when staff find a deficiency: the lateness stays, but it is not counted as overdue
        // while the member has the documents.
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)), (RequestStatus.ReturnedForDeficiency, Day(20)));
        var clock = new DeadlineClock();

        var waiting = clock.Evaluate(Received, history, TestData.Jst(2026, 12, 20));
        Assert.True(waiting.IsPaused);
        Assert.Equal(-4, waiting.DaysLeft);
        Assert.False(waiting.IsOverdue);

        history.Add(new StatusChange(RequestStatus.ReturnedForDeficiency, RequestStatus.IdentityCheck, TestData.Jst(2026, 12, 20), TestData.Staff, null));
        var resumed = clock.Evaluate(Received, history, TestData.Jst(2026, 12, 20, 11));
        Assert.False(resumed.IsPaused);
        Assert.Equal(-4, resumed.DaysLeft);
        Assert.True(resumed.IsOverdue);
    }

    [Fact]
    public void DecisionAwaitingApprovalKeepsCountingAndGoesOverdueUntilTheLetterStopsTheClock()
    {
        // Due 16 November. Decided on the 12th: 承認待ち is not an answer, the member has nothing yet, so the clock runs.
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.InReview, Day(3)),
            (RequestStatus.Decided, Day(12, 15)));
        var clock = new DeadlineClock();

        var dueDay = clock.Evaluate(Received, history, Day(16, 23));
        Assert.Null(dueDay.AnsweredAt);
        Assert.Equal(0, dueDay.DaysLeft);
        Assert.False(dueDay.IsOverdue);
        Assert.True(dueDay.IsDueWithin(0));

        var overdue = clock.Evaluate(Received, history, Day(17, 9));
        Assert.True(overdue.IsOverdue);
        Assert.Equal(-1, overdue.DaysLeft);

        // The result letter issued on the 18th closes the request: the clock stops there, two days late.
        history.Add(new StatusChange(RequestStatus.Decided, RequestStatus.Closed, Day(18), TestData.Staff, null));
        var closed = clock.Evaluate(Received, history, TestData.Jst(2026, 12, 31));
        Assert.Equal(Day(18), closed.AnsweredAt);
        Assert.True(closed.IsAnswered);
        Assert.Equal(DefaultDue, closed.DueDate);
        Assert.Equal(-2, closed.DaysLeft); // counted to the day of the letter, not to today
        Assert.True(closed.AnsweredLate);
        Assert.False(closed.IsOverdue);
        Assert.False(closed.IsDueWithin(30));
        Assert.False(closed.IsPaused);
    }

    [Fact]
    public void LetterInTimeIsNotLate()
    {
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.InReview, Day(3)),
            (RequestStatus.Decided, Day(10)),
            (RequestStatus.Closed, Day(13)));

        var state = new DeadlineClock().Evaluate(Received, history, TestData.Jst(2026, 12, 31));

        Assert.Equal(Day(13), state.AnsweredAt);
        Assert.Equal(3, state.DaysLeft);
        Assert.False(state.AnsweredLate);
        Assert.False(state.IsOverdue);
    }

    [Theory]
    [InlineData(RequestStatus.Withdrawn)]
    [InlineData(RequestStatus.Rejected)]
    public void EndingTheRequestStopsTheClock(RequestStatus end)
    {
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)), (end, Day(5)));

        var state = new DeadlineClock().Evaluate(Received, history, TestData.Jst(2027, 1, 31));

        Assert.Equal(Day(5), state.AnsweredAt);
        Assert.Equal(11, state.DaysLeft);
        Assert.False(state.IsOverdue);
        Assert.False(state.AnsweredLate);
    }

    [Fact]
    public void EndingWhilePausedStopsThePause()
    {
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.AwaitingFee, Day(3)),
            (RequestStatus.Withdrawn, Day(8)));

        var state = new DeadlineClock().Evaluate(Received, history, TestData.Jst(2027, 1, 31));

        Assert.False(state.IsPaused);
        Assert.Equal(TimeSpan.FromDays(5), state.Paused);
        Assert.Equal(new DateOnly(2026, 11, 21), state.DueDate);
        Assert.Equal(Day(8), state.AnsweredAt);
    }

    [Fact]
    public void DecisionSentBackForRevisionKeepsTheSameDueDate()
    {
        // Due 16 November. Decided on the 10th, sent back on the 11th, decided again on the 21st, letter on the 26th.
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.InReview, Day(3)),
            (RequestStatus.Decided, Day(10)),
            (RequestStatus.InReview, Day(11)));
        var clock = new DeadlineClock();

        var reopened = clock.Evaluate(Received, history, Day(20));
        Assert.Null(reopened.AnsweredAt);
        Assert.Equal(DefaultDue, reopened.DueDate);
        Assert.Equal(TimeSpan.Zero, reopened.Paused);
        Assert.Equal(-4, reopened.DaysLeft);
        Assert.True(reopened.IsOverdue);

        history.Add(new StatusChange(RequestStatus.InReview, RequestStatus.Decided, Day(21), TestData.Supervisor, null));
        var redecided = clock.Evaluate(Received, history, Day(25));
        Assert.Null(redecided.AnsweredAt);
        Assert.True(redecided.IsOverdue);
        Assert.Equal(-9, redecided.DaysLeft);

        history.Add(new StatusChange(RequestStatus.Decided, RequestStatus.Closed, Day(26), TestData.Staff, null));
        var closed = clock.Evaluate(Received, history, Day(30));
        Assert.Equal(Day(26), closed.AnsweredAt);
        Assert.True(closed.AnsweredLate);
        Assert.Equal(-10, closed.DaysLeft);
    }

    [Fact]
    public void HistoryOrderDoesNotMatter()
    {
        var history = History(
            (RequestStatus.IdentityCheck, Day(2, 11)),
            (RequestStatus.AwaitingFee, Day(3)),
            (RequestStatus.InReview, Day(5)));
        history.Reverse();

        var state = new DeadlineClock().Evaluate(Received, history, Day(6));

        // The wait for the fee (3rd to 5th) is found whatever order the history comes in.
        Assert.Equal(TimeSpan.FromDays(2), state.Paused);
        Assert.Equal(new DateOnly(2026, 11, 18), state.DueDate);
    }

    [Fact]
    public void ChangesDatedBeforeReceiptCountFromReceipt()
    {
        // A history whose first entry is dated a day before the receipt (e.g. a date-only entry for a posted form).
        var history = new[]
        {
            new StatusChange(RequestStatus.IdentityCheck, RequestStatus.AwaitingFee, TestData.Jst(2026, 11, 1), TestData.Staff, null),
            new StatusChange(RequestStatus.AwaitingFee, RequestStatus.InReview, Day(3), TestData.Staff, null),
        };

        var state = new DeadlineClock().Evaluate(Received, history, Day(4));

        Assert.Equal(TimeSpan.FromDays(1), state.Paused);
    }

    [Fact]
    public void DueDateIsTheJstDayForALateEveningReceipt()
    {
        // 15 November 2026 at 23:30 JST is 14:30 UTC on the same day.
        var receivedAt = new DateTimeOffset(2026, 11, 15, 14, 30, 0, TimeSpan.Zero);
        var history = new[] { new StatusChange(null, RequestStatus.Received, receivedAt, PrivacyRequest.MemberActor, null) };
        var clock = new DeadlineClock();

        var state = clock.Evaluate(receivedAt, history, receivedAt);
        Assert.Equal(new DateOnly(2026, 11, 29), state.DueDate);
        Assert.Equal("令和8年11月29日", JapaneseText.ToWareki(state.DueDate));
        Assert.Equal(14, state.DaysLeft);

        // 23:59 JST on the 29th: the due day itself.
        var lastMinute = clock.Evaluate(receivedAt, history, new DateTimeOffset(2026, 11, 29, 14, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, lastMinute.DaysLeft);
        Assert.False(lastMinute.IsOverdue);

        // 00:01 JST on the 30th is still the 29th in UTC, but the member's day is over.
        var nextDay = clock.Evaluate(receivedAt, history, new DateTimeOffset(2026, 11, 29, 15, 1, 0, TimeSpan.Zero));
        Assert.Equal(-1, nextDay.DaysLeft);
        Assert.True(nextDay.IsOverdue);
    }

    [Fact]
    public void DueDateIsTheJstDayForAnAfterMidnightReceipt()
    {
        // 16 November 2026 at 00:30 JST is 15:30 UTC on the 15th: the JST day of receipt is the 16th.
        var receivedAt = new DateTimeOffset(2026, 11, 15, 15, 30, 0, TimeSpan.Zero);
        var history = new[] { new StatusChange(null, RequestStatus.Received, receivedAt, PrivacyRequest.MemberActor, null) };

        var state = new DeadlineClock().Evaluate(receivedAt, history, receivedAt);

        Assert.Equal(new DateOnly(2026, 11, 30), state.DueDate);
        Assert.Equal(14, state.DaysLeft);
    }

    [Fact]
    public void ClockReadsARequestHistory()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, Day(2, 11));
        request.AcceptIdentity(TestData.Staff, Day(3), TestData.FullChecklist(request));
        var clock = new DeadlineClock();

        // Waiting for the fee since the 3rd: the due date has moved by the 2 days waited so far.
        var waiting = clock.Evaluate(request.ReceivedAt, request.StatusHistory, Day(5));
        Assert.True(waiting.IsPaused);
        Assert.Equal(TimeSpan.FromDays(2), waiting.Paused);
        Assert.Equal(new DateOnly(2026, 11, 18), waiting.DueDate);

        // Paid on the 7th at 10:00 (4 days waited): due 20 November; decided on the 18th, still counting.
        request.RecordPayment(TestData.Payment(1_000, Day(7)));
        Assert.Equal(Day(7), request.CompletedAt);
        request.Decide(TestData.DecisionFor(request, KindOutcome.PartialDisclosure, Day(18)));

        var decided = request.DeadlineAt(Day(18, 12));
        Assert.Equal(TimeSpan.FromDays(4), decided.Paused);
        Assert.Equal(new DateOnly(2026, 11, 20), decided.DueDate);
        Assert.Equal(2, decided.DaysLeft);
        Assert.Null(decided.AnsweredAt);
        Assert.True(request.IsAwaitingApproval);
        Assert.True(request.DeadlineAt(Day(21)).IsOverdue);
    }

    // ---- Completion is recorded, the target does not restart (ADR 0016) -------------------------------------------

    [Fact]
    public void TimeSpentCheckingCounts()
    {
        // Staff took 9 days to check the ID (no waiting for the member at all): on the 11th only 5 days are left.
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)), (RequestStatus.InReview, Day(11)));

        var state = new DeadlineClock().Evaluate(Received, history, Day(11, 12));

        Assert.Equal(DefaultDue, state.DueDate);
        Assert.Equal(5, state.DaysLeft);
        Assert.Equal(TimeSpan.Zero, state.Paused);
    }

    [Fact]
    public void UncheckedRequestGoesOverdueTwoWeeksAfterReceipt()
    {
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)));
        var clock = new DeadlineClock();

        var checking = clock.Evaluate(Received, history, Day(20));
        Assert.Equal(DefaultDue, checking.DueDate);
        Assert.Equal(-4, checking.DaysLeft);
        Assert.True(checking.IsOverdue);

        // Accepted on the 20th: still overdue, completion moves nothing.
        history.Add(new StatusChange(RequestStatus.IdentityCheck, RequestStatus.InReview, Day(20, 15), TestData.Staff, null));
        var complete = clock.Evaluate(Received, history, Day(20, 16));
        Assert.Equal(DefaultDue, complete.DueDate);
        Assert.True(complete.IsOverdue);
    }

    [Theory]
    [InlineData(7, 2026, 11, 9)]
    [InlineData(30, 2026, 12, 2)]
    public void TheConfiguredTargetCountsFromReceipt(int targetDays, int year, int month, int day)
    {
        var history = History((RequestStatus.IdentityCheck, Day(2, 11)), (RequestStatus.InReview, Day(5)));

        var state = new DeadlineClock(targetDays).Evaluate(Received, history, Day(5));

        Assert.Equal(new DateOnly(year, month, day), state.DueDate);
    }

    [Theory]
    [InlineData(0, 14, 16)]
    [InlineData(5, 19, 21)]
    [InlineData(-3, 14, 16)] // a negative extension is ignored, never shortens the target
    public void ExtensionAddsWholeDaysToTheTarget(int extensionDays, int expectedTarget, int expectedDueDay)
    {
        var clock = DeadlineClock.For(14, extensionDays);

        var state = clock.Evaluate(Received, History((RequestStatus.IdentityCheck, Day(2, 11))), Day(3));

        Assert.Equal(expectedTarget, clock.TargetDays);
        Assert.Equal(new DateOnly(2026, 11, expectedDueDay), state.DueDate);
    }

    [Fact]
    public void AdvanceRecordsCompletionOnceAndKeepsOnlyTheWaits()
    {
        var progress = DeadlineProgress.Start;
        progress = DeadlineClock.Advance(progress, Received, RequestStatus.Received, RequestStatus.IdentityCheck, Day(2, 11));
        Assert.Null(progress.CompletedAt);

        progress = DeadlineClock.Advance(progress, Received, RequestStatus.IdentityCheck, RequestStatus.AwaitingFee, Day(3));
        Assert.Null(progress.CompletedAt);
        Assert.Equal(Day(3), progress.PausedSince);

        progress = DeadlineClock.Advance(progress, Received, RequestStatus.AwaitingFee, RequestStatus.InReview, Day(5, 15));
        Assert.Equal(Day(5, 15), progress.CompletedAt);
        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromHours(5), progress.Paused);
        Assert.Null(progress.PausedSince);

        progress = DeadlineClock.Advance(progress, Received, RequestStatus.InReview, RequestStatus.Decided, Day(8));
        progress = DeadlineClock.Advance(progress, Received, RequestStatus.Decided, RequestStatus.InReview, Day(9));
        Assert.Equal(Day(5, 15), progress.CompletedAt);
        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromHours(5), progress.Paused);
    }

    [Fact]
    public void CompletionDatedBeforeReceiptCountsFromReceipt()
    {
        var progress = DeadlineClock.Advance(DeadlineProgress.Start, Received, RequestStatus.IdentityCheck, RequestStatus.InReview, TestData.Jst(2026, 11, 1));

        Assert.Equal(Received, progress.CompletedAt);
        Assert.Equal(TimeSpan.Zero, progress.Paused);
        Assert.Equal(Received.AddDays(14), new DeadlineClock().DueAt(Received, progress));
    }
}
