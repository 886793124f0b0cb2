using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// The internal response target (ADR 0010 as amended by ADR 0016). The law says only 遅滞なく; APPI Art. 39 lets a member
/// sue two weeks after the request arrives, hence a default of 14 days, counted from the day the request arrives. The
/// clock does not run while the co-op waits for the member (fee unpaid, documents returned), and it stops only when the
/// answer has gone out: the result letter issued (Closed), or the request rejected or withdrawn. A decision that waits
/// for approval (承認待ち) has not reached the member, so the clock keeps running and the request can go overdue.
/// Staff may set a later answer date with a reason (<see cref="PrivacyRequest.ExtendDeadline"/>): the extension adds
/// whole days to the target.
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

    /// <summary>The clock of a request: its target at receipt plus the days staff added with a reason (never negative).</summary>
    public static DeadlineClock For(int targetDays, int extensionDays) => new(targetDays + Math.Max(0, extensionDays));

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

            // The answer going out (or the request ending) stops the clock; nothing follows a terminal status.
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

        // Completion (the first entry into review) is recorded for the statistics; it no longer restarts the target,
        // which counts from receipt as Art. 39 does (ADR 0016).
        var completedAt = progress.CompletedAt;
        if (completedAt is null && to == RequestStatus.InReview)
        {
            completedAt = effective;
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
/// <param name="Paused">Time since receipt that does not count against the target: the waits for the member that have ended.</param>
/// <param name="PausedSince">When the current pause began, or null while the clock runs (or has stopped at an answer).</param>
/// <param name="CompletedAt">When the request became complete (first entry into review), or null before that; informative only.</param>
public readonly record struct DeadlineProgress(TimeSpan Paused, DateTimeOffset? PausedSince, DateTimeOffset? CompletedAt = null)
{
    public static DeadlineProgress Start => new(TimeSpan.Zero, null);
}

/// <summary>Where a request stands against its target.</summary>
/// <param name="DueDate">The JST calendar day by which the co-op should answer (moves later while paused).</param>
/// <param name="DaysLeft">Days from today (or from the answer, once answered) to the due date; negative when late.</param>
/// <param name="Paused">Time since receipt that did not count: the waits for the member.</param>
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
