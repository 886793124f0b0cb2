using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.Dashboard;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>
/// 業務状況: counts by status and family, median days to close, the overdue list, the due-soon count and fee income by
/// month, with server-drawn SVG charts and the same figures as tables. Read-only, for every staff role including auditors.
/// </summary>
[Authorize(Policy = StaffPolicies.ReadRequests)]
[AuditsPersonalDataRead(AuditActions.DashboardViewed)]
public sealed class IndexModel(DashboardQuery query) : PageModel
{
    public DashboardSnapshot Snapshot { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Snapshot = await query.GetAsync(cancellationToken);
    }

    /// <summary>Statuses in the order of the main path, then the side states.</summary>
    public static IReadOnlyList<RequestStatus> Statuses { get; } =
    [
        RequestStatus.Received, RequestStatus.IdentityCheck, RequestStatus.ReturnedForDeficiency, RequestStatus.AwaitingFee,
        RequestStatus.InReview, RequestStatus.Decided, RequestStatus.Closed, RequestStatus.Withdrawn, RequestStatus.Rejected,
    ];

    public static IReadOnlyList<RequestFamily> Families { get; } = Enum.GetValues<RequestFamily>();

    public BarChartView StatusChart(string title, string description) => new("status-chart", title, description, BarChart.Create(
        Statuses.Select(s => new BarChartItem(Localized.Text(Labels.Status(s)), Snapshot.Count(s), CountText(Snapshot.Count(s)))).ToList()));

    public BarChartView FeeChart(string title, string description) => new("fee-chart", title, description, BarChart.Create(
        Snapshot.FeeIncome.Select(m => new BarChartItem(MonthText(m), m.AmountYen, YenText(m.AmountYen))).ToList()));

    public static string CountText(long count) =>
        Localized.Text($"{count.ToString("N0", CultureInfo.InvariantCulture)}件", count.ToString("N0", CultureInfo.InvariantCulture));

    public static string YenText(long amount) =>
        Localized.Text($"{amount.ToString("N0", CultureInfo.InvariantCulture)}円",
            (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("N0", CultureInfo.InvariantCulture));

    public static string MonthText(MonthlyFee month) =>
        Localized.Text($"{month.Year}年{month.Month}月",
            new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMM yyyy", CultureInfo.InvariantCulture));

    public static string DaysText(double? days) => days is { } d
        ? Localized.Text($"{d.ToString("0.#", CultureInfo.InvariantCulture)}日", $"{d.ToString("0.#", CultureInfo.InvariantCulture)} days")
        : "—";

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What the chart partial draws: the chart, its element id, and its accessible title and description.</summary>
public sealed record BarChartView(string Id, string Title, string Description, BarChart Chart);
