using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>
/// Which requests are overdue or due soon, as SQL-translatable conditions shared by the dashboard and the daily digest.
/// The definitions match the staff queue: a request counts while it is open (the answer has not gone out: a decision
/// awaiting approval or its letter still counts, ADR 0016) and not paused (DueAt null while the co-op waits for the member). Overdue means the JST due day is before
/// today; due soon means the JST due day is today or within <see cref="DueSoonDays"/> days.
/// </summary>
public static class DeadlineWork
{
    public const int DueSoonDays = 3;

    /// <summary>
    /// Open requests whose clock runs (an open request has not had its answer sent). "Open" is compared with a query
    /// parameter, as in the staff queue: EF turns <c>r.IsOpen</c> into the bare column, on which SQLite cannot seek, and the
    /// dashboard's overdue list then walked the (DueAt, Id) index reading the row of every ended request due earlier
    /// (22 s of mostly I/O at 320,000 requests); <c>IsOpen = @open</c> is a range of the (IsOpen, DueAt, Id) index.
    /// </summary>
    public static IQueryable<PrivacyRequest> Running(IQueryable<PrivacyRequest> requests)
    {
        var open = true;
        return requests.Where(r => r.IsOpen == open && r.DueAt != null);
    }

    /// <summary>Decisions waiting for a second person's approval (承認待ち); their clock still runs.</summary>
    public static IQueryable<PrivacyRequest> AwaitingApproval(IQueryable<PrivacyRequest> requests) =>
        requests.Where(r => r.Status == RequestStatus.Decided && r.Decision != null && r.Decision.ApprovedAt == null);

    /// <summary>Running requests due before the start of <paramref name="today"/> (JST).</summary>
    public static IQueryable<PrivacyRequest> Overdue(IQueryable<PrivacyRequest> requests, DateOnly today)
    {
        var startOfToday = JapaneseText.JstDayStart(today);
        return Running(requests).Where(r => r.DueAt < startOfToday);
    }

    /// <summary>Running requests due today or within <see cref="DueSoonDays"/> days (JST), not yet overdue.</summary>
    public static IQueryable<PrivacyRequest> DueSoon(IQueryable<PrivacyRequest> requests, DateOnly today)
    {
        var startOfToday = JapaneseText.JstDayStart(today);
        var end = JapaneseText.JstDayStart(today.AddDays(DueSoonDays + 1));
        return Running(requests).Where(r => r.DueAt >= startOfToday && r.DueAt < end);
    }

    /// <summary>Overdue or due soon: everything due before the end of the third day from today (JST).</summary>
    public static IQueryable<PrivacyRequest> OverdueOrDueSoon(IQueryable<PrivacyRequest> requests, DateOnly today)
    {
        var end = JapaneseText.JstDayStart(today.AddDays(DueSoonDays + 1));
        return Running(requests).Where(r => r.DueAt < end);
    }

    /// <summary>Days from <paramref name="today"/> to the JST due day of <paramref name="dueAt"/>: negative when overdue.</summary>
    public static int DaysLeft(DateTimeOffset dueAt, DateOnly today) => JapaneseText.JstDate(dueAt).DayNumber - today.DayNumber;
}
