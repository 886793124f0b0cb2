using PrivacyDesk.Domain.Closing;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// Reminders and abandonment (issue 14 item 4, ADR 0023): when each step is due for a request waiting for the member,
/// in order and never skipped; what the steps record; a new wait starting afresh; rejection grounds.
/// </summary>
public class ReminderScheduleTests
{
    private static readonly ReminderSettings Settings = ReminderSettings.Default;
    private static readonly DateTimeOffset AcceptAt = TestData.Jst(2026, 11, 3, 15);

    /// <summary>A disclosure request (fee due) whose ID was accepted at <see cref="AcceptAt"/>: waiting for the fee since then.</summary>
    private static PrivacyRequest AwaitingFee()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, AcceptAt.AddHours(-1));
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Equal(AcceptAt, request.ClockPausedSince);
        return request;
    }

    private static void Remind(PrivacyRequest request, ReminderStep step, DateTimeOffset at) =>
        request.RecordReminder(step, ReminderSchedule.ClosesOn(request, step, at, Settings), at);

    [Fact]
    public void The_first_reminder_is_due_after_first_after_days_of_waiting_and_not_before()
    {
        var request = AwaitingFee();
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, AcceptAt.AddDays(14).AddMinutes(-1), Settings));
        Assert.Equal(ReminderStep.FirstReminder, ReminderSchedule.Due(request, AcceptAt.AddDays(14), Settings));
    }

    [Fact]
    public void Steps_come_in_order_each_after_its_own_interval()
    {
        var request = AwaitingFee();
        Remind(request, ReminderStep.FirstReminder, AcceptAt.AddDays(14));
        Assert.Equal(1, request.RemindersSent);
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, AcceptAt.AddDays(27), Settings));
        Assert.Equal(ReminderStep.SecondReminder, ReminderSchedule.Due(request, AcceptAt.AddDays(28), Settings));

        Remind(request, ReminderStep.SecondReminder, AcceptAt.AddDays(28));
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, AcceptAt.AddDays(59), Settings));

        // Day 60 is the announced date (「…まで」): the member has all of it; the close comes the next JST day.
        Assert.Equal(JapaneseText.JstDate(AcceptAt.AddDays(60)), request.ClosesIfUnansweredOn);
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, AcceptAt.AddDays(60), Settings));
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, JapaneseText.JstDayStart(JapaneseText.JstDate(AcceptAt.AddDays(61))).AddTicks(-1), Settings));
        Assert.Equal(ReminderStep.Abandon, ReminderSchedule.Due(request, JapaneseText.JstDayStart(JapaneseText.JstDate(AcceptAt.AddDays(61))), Settings));
    }

    [Fact]
    public void A_worker_that_was_down_sends_the_first_reminder_not_the_closing_and_the_member_keeps_the_announced_time()
    {
        var request = AwaitingFee();
        var late = AcceptAt.AddDays(90);
        Assert.Equal(ReminderStep.FirstReminder, ReminderSchedule.Due(request, late, Settings));

        Remind(request, ReminderStep.FirstReminder, late);

        // The second waits 14 days after the first, the closing 32 after the second: never at once.
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, late.AddDays(13), Settings));
        Assert.Equal(ReminderStep.SecondReminder, ReminderSchedule.Due(request, late.AddDays(14), Settings));
        Assert.Equal(JapaneseText.JstDate(late.AddDays(14 + 32)), request.ClosesIfUnansweredOn);
    }

    [Fact]
    public void The_announced_closing_date_is_the_abandon_day_of_the_wait_when_reminders_are_on_time()
    {
        var request = AwaitingFee();
        var closesOn = ReminderSchedule.ClosesOn(request, ReminderStep.FirstReminder, AcceptAt.AddDays(14), Settings);
        Assert.Equal(JapaneseText.JstDate(AcceptAt.AddDays(60)), closesOn);
    }

    [Fact]
    public void Nothing_is_due_for_a_request_that_is_not_waiting_for_the_member()
    {
        var request = RequestBuilder.Correction().Build();
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, TestData.ReceivedAt.AddDays(100), Settings));
        var paid = AwaitingFee();
        paid.RecordPayment(TestData.Payment(1_000, AcceptAt.AddDays(3)));
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(paid, AcceptAt.AddDays(100), Settings));
    }

    [Fact]
    public void A_reminder_records_its_step_and_date_and_raises_its_event()
    {
        var request = AwaitingFee();
        ((IEventSource)request).TakeEvents();
        var at = AcceptAt.AddDays(14);

        Remind(request, ReminderStep.FirstReminder, at);

        Assert.Equal(at, request.LastReminderAt);
        var sent = Assert.IsType<ReminderSent>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal(1, sent.Step);
        Assert.Equal(RequestStatus.AwaitingFee, sent.Waiting);
        Assert.Equal(request.ClosesIfUnansweredOn, sent.ClosesOn);
    }

    [Fact]
    public void A_replayed_or_skipped_reminder_is_refused_and_changes_nothing()
    {
        var request = AwaitingFee();
        Assert.Throws<DomainRuleException>(() => Remind(request, ReminderStep.SecondReminder, AcceptAt.AddDays(28)));
        Remind(request, ReminderStep.FirstReminder, AcceptAt.AddDays(14));
        ((IEventSource)request).TakeEvents();

        var ex = Assert.Throws<DomainRuleException>(() => Remind(request, ReminderStep.FirstReminder, AcceptAt.AddDays(15)));
        Assert.Equal("reminder.notDue", ex.Code);
        Assert.Equal(1, request.RemindersSent);
        Assert.Equal(AcceptAt.AddDays(14), request.LastReminderAt);
        Assert.Empty(((IEventSource)request).TakeEvents());
    }

    [Fact]
    public void Abandonment_needs_two_reminders_then_rejects_on_its_own_ground_stops_the_clock_and_starts_retention()
    {
        var request = AwaitingFee();
        Remind(request, ReminderStep.FirstReminder, AcceptAt.AddDays(14));
        var early = Assert.Throws<DomainRuleException>(() => request.Abandon(AcceptAt.AddDays(60)));
        Assert.Equal("reminder.abandonEarly", early.Code);
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);

        Remind(request, ReminderStep.SecondReminder, AcceptAt.AddDays(28));
        ((IEventSource)request).TakeEvents();
        var at = AcceptAt.AddDays(60);
        request.Abandon(at);

        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal(RejectionGround.Abandoned, request.RejectionGround);
        Assert.Equal(at, request.ClosedAt);
        Assert.False(request.IsOpen);
        Assert.Equal(PrivacyRequest.SystemActor, request.StatusHistory[^1].Actor);
        Assert.Equal(at, request.DeadlineAt(at.AddDays(30)).AnsweredAt);
        var abandoned = Assert.IsType<RequestAbandoned>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal(2, abandoned.RemindersSent);
    }

    [Fact]
    public void A_new_wait_for_the_member_starts_its_reminders_afresh()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, AcceptAt);
        request.ReturnForDeficiency("写しが不鮮明です。", TestData.Staff, AcceptAt);
        Remind(request, ReminderStep.FirstReminder, AcceptAt.AddDays(14));

        request.StartIdentityCheck(TestData.Staff, AcceptAt.AddDays(20));
        request.ReturnForDeficiency("有効期限が切れています。", TestData.Staff, AcceptAt.AddDays(21));

        Assert.Equal(0, request.RemindersSent);
        Assert.Null(request.LastReminderAt);
        Assert.Null(request.ClosesIfUnansweredOn);
        Assert.Equal(ReminderStep.None, ReminderSchedule.Due(request, AcceptAt.AddDays(34), Settings));
        Assert.Equal(ReminderStep.FirstReminder, ReminderSchedule.Due(request, AcceptAt.AddDays(35), Settings));
    }

    [Fact]
    public void A_rejection_keeps_its_ground_and_staff_cannot_pick_the_abandonment_ground()
    {
        var request = RequestBuilder.Correction().Build();
        Assert.Throws<DomainRuleException>(() => request.Reject("連絡がないため", TestData.Staff, AcceptAt, RejectionGround.Abandoned));
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.DoesNotContain(RejectionGround.Abandoned, RejectionGrounds.Selectable);

        ((IEventSource)request).TakeEvents();
        request.Reject("苦情のお申し出であり、保有個人データの開示等の請求ではありません。", TestData.Staff, AcceptAt, RejectionGround.NotARequestUnderTheAct);

        Assert.Equal(RejectionGround.NotARequestUnderTheAct, request.RejectionGround);
        var rejected = Assert.IsType<RequestRejected>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal(RejectionGround.NotARequestUnderTheAct, rejected.Ground);
    }

    [Theory]
    [InlineData(14, 28, 60, true)]
    [InlineData(1, 2, 3, true)]
    [InlineData(0, 28, 60, false)]
    [InlineData(14, 14, 60, false)]
    [InlineData(28, 14, 60, false)]
    [InlineData(14, 60, 60, false)]
    [InlineData(-1, 28, 60, false)]
    public void Settings_must_be_positive_and_increasing(int first, int second, int abandon, bool valid) =>
        Assert.Equal(valid, new ReminderSettings(first, second, abandon).Problem is null);
}
