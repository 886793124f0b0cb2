using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Closing;

namespace PrivacyDesk.Web.Closing;

/// <summary>Reminders of a fee or documents not received, and closing as abandoned (configuration section <c>Reminders</c>, ADR 0023).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Days after the wait for the member began (入金待ち or 不備返戻) before the first reminder.</summary>
    public int FirstAfterDays { get; set; } = ReminderSettings.Default.FirstAfterDays;

    /// <summary>Days after the wait began before the second reminder (at least the difference after the first).</summary>
    public int SecondAfterDays { get; set; } = ReminderSettings.Default.SecondAfterDays;

    /// <summary>Days after the wait began before the request is closed as abandoned, with a notice.</summary>
    public int AbandonAfterDays { get; set; } = ReminderSettings.Default.AbandonAfterDays;

    /// <summary>Run the reminder job in the background (every instance may: the request's version guards each step).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Time between background runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after start-up before the first run, so that start-up and migrations finish first.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);

    public ReminderSettings Settings => new(FirstAfterDays, SecondAfterDays, AbandonAfterDays);
}

internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var errors = new List<string>();
        if (options.Settings.Problem is { } problem)
        {
            errors.Add(problem);
        }

        if (options.Interval <= TimeSpan.Zero || options.InitialDelay < TimeSpan.Zero)
        {
            errors.Add("Reminders: Interval must be positive and InitialDelay 0 or more.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
