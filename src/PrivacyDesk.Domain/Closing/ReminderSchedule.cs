using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Closing;

/// <summary>What the reminder worker should do for a request waiting for the member.</summary>
public enum ReminderStep
{
    None = 0,
    FirstReminder = 1,
    SecondReminder = 2,
    Abandon = 3,
}

/// <summary>
/// The days after the wait began (the request entered 入金待ち or 不備返戻) at which the member is reminded, reminded
/// again, and the request closed as abandoned (configuration section <c>Reminders</c>).
/// </summary>
public sealed record ReminderSettings(int FirstAfterDays, int SecondAfterDays, int AbandonAfterDays)
{
    public static ReminderSettings Default { get; } = new(14, 28, 60);

    /// <summary>Why the settings cannot be used, or null: all positive, first &lt; second &lt; abandon.</summary>
    public string? Problem =>
        FirstAfterDays <= 0 || SecondAfterDays <= 0 || AbandonAfterDays <= 0 ? "Reminders: FirstAfterDays, SecondAfterDays and AbandonAfterDays must be positive."
        : FirstAfterDays < SecondAfterDays && SecondAfterDays < AbandonAfterDays ? null
        : "Reminders: FirstAfterDays < SecondAfterDays < AbandonAfterDays is required.";
}

/// <summary>
/// When a request waiting for the member (fee or documents) is reminded and when it is abandoned (ADR 0023). Steps
/// come in order and none is skipped: a worker that was down for a month sends the first reminder, not the closing
/// notice, and each later step waits its own interval after the previous one, so the member always has the time the
/// reminder announced.
/// </summary>
public static class ReminderSchedule
{
    public static ReminderStep Due(PrivacyRequest request, DateTimeOffset now, ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        if (!RequestStatusMachine.IsWaitingForMember(request.Status) || request.ClockPausedSince is not { } since)
        {
            return ReminderStep.None;
        }

        var waited = now - since;
        return request.RemindersSent switch
        {
            0 => waited >= TimeSpan.FromDays(settings.FirstAfterDays) ? ReminderStep.FirstReminder : ReminderStep.None,
            1 => Reached(waited, request.LastReminderAt, now, settings.SecondAfterDays, settings.SecondAfterDays - settings.FirstAfterDays)
                ? ReminderStep.SecondReminder : ReminderStep.None,
            // The reminders said 「期日までに」: the whole announced day is the member's, so the close comes after it.
            _ => Reached(waited, request.LastReminderAt, now, settings.AbandonAfterDays, settings.AbandonAfterDays - settings.SecondAfterDays)
                 && (request.ClosesIfUnansweredOn is not { } closesOn || Text.JapaneseText.JstDate(now) > closesOn)
                ? ReminderStep.Abandon : ReminderStep.None,
        };
    }

    /// <summary>
    /// The JST date after which the request is closed if nothing arrives, as a reminder sent at <paramref name="at"/>
    /// announces it: the abandon day counted from the wait, or later if the reminders themselves came late.
    /// </summary>
    public static DateOnly ClosesOn(PrivacyRequest request, ReminderStep step, DateTimeOffset at, ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var since = request.ClockPausedSince ?? at;
        var afterSecond = step == ReminderStep.FirstReminder
            ? at + TimeSpan.FromDays(settings.SecondAfterDays - settings.FirstAfterDays)
            : at;
        var byWait = since + TimeSpan.FromDays(settings.AbandonAfterDays);
        var byReminders = afterSecond + TimeSpan.FromDays(settings.AbandonAfterDays - settings.SecondAfterDays);
        return Text.JapaneseText.JstDate(byWait > byReminders ? byWait : byReminders);
    }

    private static bool Reached(TimeSpan waited, DateTimeOffset? lastReminder, DateTimeOffset now, int afterDays, int gapDays) =>
        waited >= TimeSpan.FromDays(afterDays) && (lastReminder is not { } last || now - last >= TimeSpan.FromDays(gapDays));
}
