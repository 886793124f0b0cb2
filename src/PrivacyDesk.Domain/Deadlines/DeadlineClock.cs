using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// The internal response target. The law says only 遅滞なく; APPI Art. 39 lets a member sue two weeks after the request
/// arrives, hence a default of 14 days. The clock runs from receipt, does not run while the co-op waits for the member
/// (fee unpaid, documents returned), and stops when the co-op has answered.
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
        var paused = TimeSpan.Zero;
        var status = RequestStatus.Received;
        var since = receivedAt;
        DateTimeOffset? answeredAt = null;

        foreach (var change in changes)
        {
            var at = change.At < receivedAt ? receivedAt : change.At;
            if (RequestStatusMachine.IsWaitingForMember(status))
            {
                paused += at - since;
            }

            status = change.To;
            since = at;

            // The first answer stops the clock (Decided then Closed keeps the decision's time), but a decision sent
            // back for revision has not reached the member, so the clock runs again.
            answeredAt = RequestStatusMachine.HasAnswered(status) ? answeredAt ?? at : null;
        }

        var isPaused = answeredAt is null && RequestStatusMachine.IsWaitingForMember(status);
        if (isPaused && now > since)
        {
            paused += now - since;
        }

        var dueAt = receivedAt + TimeSpan.FromDays(TargetDays) + paused;
        var dueDate = JapaneseText.JstDate(dueAt);
        var reference = JapaneseText.JstDate(answeredAt ?? now);
        var daysLeft = dueDate.DayNumber - reference.DayNumber;

        return new DeadlineState(dueDate, daysLeft, paused, isPaused, answeredAt);
    }
}

/// <summary>Where a request stands against its target.</summary>
/// <param name="DueDate">The JST calendar day by which the co-op should answer (moves later while paused).</param>
/// <param name="DaysLeft">Days from today (or from the answer, once answered) to the due date; negative when late.</param>
/// <param name="Paused">Total time the clock was stopped waiting for the member.</param>
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
