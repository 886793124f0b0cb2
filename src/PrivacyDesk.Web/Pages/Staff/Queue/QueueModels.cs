using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Queue;

/// <summary>Settings of the staff queue (configuration section <c>StaffQueue</c>).</summary>
public sealed class StaffQueueOptions
{
    public const string Section = "StaffQueue";

    /// <summary>Requests waiting for the member (documents returned, fee unpaid) longer than this are hidden by default.</summary>
    [Hosting.SettingRange("StaffQueue:StaleAfterDays", 1, 3650)]
    public int StaleAfterDays { get; set; } = 60;

    /// <summary>Rows per page when the filter does not say.</summary>
    [Hosting.SettingRange("StaffQueue:PageSize", 1, 500)]
    public int PageSize { get; set; } = 50;
}

/// <summary>What the staff member asks the queue for. Everything is optional; the default is "open work, due first".</summary>
public sealed record QueueFilter
{
    /// <summary>Only these statuses. When given, ended requests are shown if their status is listed.</summary>
    public IReadOnlyCollection<RequestStatus>? Statuses { get; init; }

    public RequestFamily? Family { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>Only requests past their due date, unanswered and not paused.</summary>
    public bool OverdueOnly { get; init; }

    /// <summary>Only decisions waiting for approval (承認待ち).</summary>
    public bool AwaitingApprovalOnly { get; init; }

    /// <summary>Only requests assigned to this staff user id ("assigned to me").</summary>
    public string? AssignedTo { get; init; }

    /// <summary>A reference number (any width, case or dashes), or the start of a name in kanji or kana (family name first).</summary>
    public string? Search { get; init; }

    /// <summary>Show withdrawn, rejected and closed requests too (hidden by default).</summary>
    public bool IncludeEnded { get; init; }

    /// <summary>Show requests waiting for the member longer than the stale limit (hidden by default).</summary>
    public bool IncludeStale { get; init; }

    /// <summary>Overrides <see cref="StaffQueueOptions.StaleAfterDays"/>.</summary>
    public int? StaleAfterDays { get; init; }

    /// <summary>Overrides <see cref="StaffQueueOptions.PageSize"/> (1 to 500).</summary>
    public int? PageSize { get; init; }
}

/// <summary>
/// One line of the queue. Both the full name and the masked one (family name only) are given: the page shows the full
/// name to those who work on requests and the masked one to auditors (ADR 0017).
/// </summary>
/// <param name="DueDate">The JST day the target falls due; null while the clock is paused (waiting for the member).</param>
/// <param name="DaysLeft">Days from today (JST) to the due date while the clock runs; null when paused or answered.</param>
/// <param name="IsOverdue">Past the due date, not answered and not paused.</param>
/// <param name="PossibleDuplicate">Another open request has the same principal (kana and birth date) and a common kind.</param>
public sealed record QueueRow(
    Guid Id,
    string ReferenceNumber,
    RequestFamily Family,
    IReadOnlyList<RequestKind> Kinds,
    RequestStatus Status,
    Channel Channel,
    DateTimeOffset ReceivedAt,
    DateOnly? DueDate,
    int? DaysLeft,
    bool IsOverdue,
    string MaskedPrincipalName,
    string? AssignedTo,
    bool PossibleDuplicate,
    string PrincipalName)
{
    /// <summary>Decided and waiting for a second person's approval (承認待ち): shown as its own stage, still counting.</summary>
    public bool AwaitingApproval { get; init; }

    /// <summary>The member or the post sent documents again since the last ID check (再提出あり, ADR 0022).</summary>
    public bool Resubmitted { get; init; }
}

/// <summary>How many requests the default view hides (null: not hidden, nothing to count); each count is capped.</summary>
public sealed record QueueHidden(int? Ended, int? Stale);

/// <summary>A page of the queue and the opaque cursor of the next page (null on the last page).</summary>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, string? NextCursor);
