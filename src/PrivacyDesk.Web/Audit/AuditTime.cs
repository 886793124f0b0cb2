using System.Globalization;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Audit;

/// <summary>Instants are stored in UTC and shown in JST; periods are given as JST calendar days.</summary>
public static class AuditTime
{
    public static DateTimeOffset StartOfJstDay(DateOnly day) => JapaneseText.JstDayStart(day);

    /// <summary>e.g. 2026-11-29 12:34:56 (JST).</summary>
    public static string Jst(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, JapaneseText.Jst).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC range [from, to) for JST days <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Range(DateOnly? from, DateOnly? to) =>
        (from is { } f ? StartOfJstDay(f) : null, to is { } t ? StartOfJstDay(t.AddDays(1)) : null);
}
