using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Staff.Dashboard;

/// <summary>
/// JST calendar days as UTC instant ranges, so that "due today", "overdue" and "due within 3 days" are range conditions
/// on the stored, indexed <c>DueAt</c> (UTC) instead of a per-row date conversion in SQL.
/// </summary>
public static class JstDays
{
    /// <summary>The UTC instant at which the JST day <paramref name="day"/> begins.</summary>
    public static DateTimeOffset Start(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, JapaneseText.Jst.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>Today's JST date at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => JapaneseText.JstDate(now);
}
