using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// The internal response target. The law says only 遅滞なく; APPI Art. 39 lets a member sue two weeks after the request
/// arrives, hence a default of 14 days. The target counts from completion: the ID accepted and, where due, the fee
/// paid (the first entry into review). Before completion a provisional target counts from receipt, so that an
/// unchecked request still becomes urgent; at completion the target restarts from that moment. The clock does not
/// run while the co-op waits for the member (fee unpaid, documents returned), and stops when the co-op has answered.
/// </summary>
public sealed class DeadlineClock
{
    public const int DefaultTargetDays = 14;

    public DeadlineClock(int targetDays = DefaultTargetDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetDays);
        TargetDays = targetDays;
    }

    public int TargetDays { get; }

    /// <summary>
    /// Evaluates the clock for a request received at <paramref name="receivedAt"/> whose status history (oldest first)
    /// is <paramref name="history"/>, as seen at <paramref name="now"/>.
    /// </summary>
    public DeadlineState Evaluate(DateTimeOffset receivedAt, IEnumerable<StatusChange> history, DateTimeOffset now)
    {
        var changes = history.OrderBy(c => c.At).ToArray();
        var progress = DeadlineProgress.Start;
        var status = RequestStatus.Received;
        DateTimeOffset? answeredAt = null;

        foreach (var change in changes)
        {
            progress = Advance(progress, receivedAt, status, change.To, change.At);
            status = change.To;

            // The first answer stops the clock (Decided then Closed keeps the decision's time), but a decision sent
            // back for revision has not reached the member, so the clock runs again.
            var at = change.At < receivedAt ? receivedAt : change.At;
            answeredAt = RequestStatusMachine.HasAnswered(status) ? answeredAt ?? at : null;
        }

        var paused = progress.Paused;
        var isPaused = answeredAt is null && progress.PausedSince is not null;
        if (isPaused && now > progress.PausedSince)
        {
            paused += now - progress.PausedSince!.Value;
        }

        var dueAt = receivedAt + TimeSpan.FromDays(TargetDays) + paused;
        var dueDate = JapaneseText.JstDate(dueAt);
        var reference = JapaneseText.JstDate(answeredAt ?? now);
        var daysLeft = dueDate.DayNumber - reference.DayNumber;

        return new DeadlineState(dueDate, daysLeft, paused, isPaused, answeredAt);
    }

    /// <summary>
    /// One step of the clock: the status changes from <paramref name="from"/> to <paramref name="to"/> at
    /// <paramref name="at"/>. <see cref="Evaluate"/> folds it over a history; <see cref="PrivacyRequest"/> applies it on
    /// each transition to keep its stored <see cref="PrivacyRequest.DueAt"/>, so the rule lives in this one place.
    /// </summary>
    public static DeadlineProgress Advance(DeadlineProgress progress, DateTimeOffset receivedAt, RequestStatus from, RequestStatus to, DateTimeOffset at)
    {
        var effective = at < receivedAt ? receivedAt : at;
        var paused = progress.Paused;
        if (progress.PausedSince is { } since && RequestStatusMachine.IsWaitingForMember(from) && effective > since)
        {
            paused += effective - since;
        }

        var completedAt = progress.CompletedAt;
        if (completedAt is null && to == RequestStatus.InReview)
        {
            // Completion: everything before it (checking, waiting for documents or the fee) no longer counts, so the
            // whole target is left from now on.
            completedAt = effective;
            paused = effective - receivedAt;
        }

        DateTimeOffset? pausedSince = RequestStatusMachine.IsWaitingForMember(to) ? effective : null;
        return new DeadlineProgress(paused, pausedSince, completedAt);
    }

    /// <summary>
    /// The instant the target falls due given the clock's progress, or null while the clock is paused (the due time
    /// moves later every moment the co-op waits for the member). Once answered it keeps the value it had at the answer.
    /// </summary>
    public DateTimeOffset? DueAt(DateTimeOffset receivedAt, DeadlineProgress progress) =>
        progress.PausedSince is null ? (receivedAt + TimeSpan.FromDays(TargetDays) + progress.Paused).ToUniversalTime() : null;
}

/// <summary>The clock's running state between transitions: time that does not count so far, and since when it is paused now.</summary>
/// <param name="Paused">
/// Time since receipt that does not count against the target: waits for the member that have ended and, once the
/// request is complete, the whole time before completion.
/// </param>
/// <param name="PausedSince">When the current pause began, or null while the clock runs (or has stopped at an answer).</param>
/// <param name="CompletedAt">When the request became complete (first entry into review), or null before that.</param>
public readonly record struct DeadlineProgress(TimeSpan Paused, DateTimeOffset? PausedSince, DateTimeOffset? CompletedAt = null)
{
    public static DeadlineProgress Start => new(TimeSpan.Zero, null);
}

/// <summary>Where a request stands against its target.</summary>
/// <param name="DueDate">The JST calendar day by which the co-op should answer (moves later while paused).</param>
/// <param name="DaysLeft">Days from today (or from the answer, once answered) to the due date; negative when late.</param>
/// <param name="Paused">Time since receipt that did not count: waits for the member and, once complete, everything before completion.</param>
/// <param name="IsPaused">Whether the clock is stopped now because the co-op waits for the member.</param>
/// <param name="AnsweredAt">When the co-op answered or the request ended; the clock no longer runs after it.</param>
public sealed record DeadlineState(DateOnly DueDate, int DaysLeft, TimeSpan Paused, bool IsPaused, DateTimeOffset? AnsweredAt)
{
    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Late and still open. A late answer is <see cref="AnsweredLate"/>, not overdue.</summary>
    public bool IsOverdue => !IsAnswered && !IsPaused && DaysLeft < 0;

    public bool AnsweredLate => IsAnswered && DaysLeft < 0;

    /// <summary>Due within <paramref name="days"/> days (or overdue), and still open.</summary>
    public bool IsDueWithin(int days) => !IsAnswered && DaysLeft <= days;
}
