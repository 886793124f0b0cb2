using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Dashboard;

/// <summary>Everything the dashboard shows, as of <see cref="Today"/> (JST).</summary>
public sealed record DashboardSnapshot(
    DateOnly Today,
    IReadOnlyList<StatusFamilyCount> Counts,
    CloseTimes CloseTimes,
    IReadOnlyList<OverdueRow> Overdue,
    int OverdueTotal,
    int DueSoon,
    IReadOnlyList<MonthlyFee> FeeIncome)
{
    public int Count(RequestStatus status, RequestFamily family) =>
        Counts.Where(c => c.Status == status && c.Family == family).Sum(c => c.Count);

    public int Count(RequestStatus status) => Counts.Where(c => c.Status == status).Sum(c => c.Count);

    public int Count(RequestFamily family) => Counts.Where(c => c.Family == family).Sum(c => c.Count);

    public int Total => Counts.Sum(c => c.Count);

    public int Open => Counts.Where(c => !RequestStatusMachine.IsTerminal(c.Status)).Sum(c => c.Count);

    /// <summary>Decisions waiting for approval (承認待ち): part of the Decided count, shown on their own (ADR 0016).</summary>
    public int AwaitingApproval { get; init; }
}

public sealed record StatusFamilyCount(RequestStatus Status, RequestFamily Family, int Count);

/// <param name="MedianDays">Median JST calendar days from receipt to close over all families; null when none closed.</param>
/// <param name="Closed">How many closed requests the median is over.</param>
public sealed record CloseTimes(double? MedianDays, long Closed, IReadOnlyList<FamilyCloseTime> ByFamily);

public sealed record FamilyCloseTime(RequestFamily Family, double? MedianDays, long Closed);

/// <summary>An overdue request as the dashboard lists it: identifiers and the masked name only.</summary>
public sealed record OverdueRow(
    Guid Id,
    string ReferenceNumber,
    RequestFamily Family,
    RequestStatus Status,
    DateOnly DueDate,
    int DaysOverdue,
    string MaskedPrincipalName,
    string? AssignedTo)
{
    /// <summary>A decision waiting for approval (承認待ち) that has gone overdue.</summary>
    public bool AwaitingApproval { get; init; }
}

/// <summary>Fee income of one month: the sum of payments (refunds negative) whose PaidOn falls in it.</summary>
public sealed record MonthlyFee(int Year, int Month, long AmountYen, int Payments);
