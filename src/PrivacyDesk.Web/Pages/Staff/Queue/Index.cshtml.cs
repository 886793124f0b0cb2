using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Queue;

/// <summary>
/// 請求の一覧: the open requests, earliest deadline first, with filters, search by reference number or name/kana, and
/// keyset paging. Staff see full names; auditors see family names only (ADR 0017). Readable by every staff role (the /Staff folder policy). Each page shown
/// is a <c>queue.viewed</c> audit event: the filters, the kind of search (never the name typed) and the reference
/// numbers listed, since the list shows members' family names.
/// </summary>
[AuditsPersonalDataRead(AuditActions.QueueViewed)]
public sealed class IndexModel(StaffQueueQuery queue, IAuthorizationService authorization) : PageModel, IAuditedRead
{
    private object? shown;

    [BindProperty(SupportsGet = true, Name = "status")]
    public List<RequestStatus> Statuses { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "family")]
    public RequestFamily? Family { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public Channel? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "approval")]
    public bool AwaitingApprovalOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool MineOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "ended")]
    public bool IncludeEnded { get; set; }

    [BindProperty(SupportsGet = true, Name = "stale")]
    public bool IncludeStale { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? Cursor { get; set; }

    public QueuePage Results { get; private set; } = new([], null);

    /// <summary>How many ended and long-waiting requests the view hides (shown with a link that includes them).</summary>
    public QueueHidden Hidden { get; private set; } = new(null, null);

    /// <summary>
    /// Full names for those who work on requests; auditors see the family name only (ADR 0017): they examine what was
    /// done, and open a request (an audited read) when they need the person.
    /// </summary>
    public bool ShowFullNames { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = new QueueFilter
        {
            Statuses = Statuses.Count > 0 ? Statuses : null,
            Family = Family,
            Channel = Channel,
            OverdueOnly = OverdueOnly,
            AwaitingApprovalOnly = AwaitingApprovalOnly,
            AssignedTo = MineOnly ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            IncludeEnded = IncludeEnded,
            IncludeStale = IncludeStale,
        };
        Results = await queue.GetPageAsync(filter, Cursor, cancellationToken);
        Hidden = Cursor is null ? await queue.CountHiddenAsync(filter, cancellationToken) : new(null, null);
        ShowFullNames = (await authorization.AuthorizeAsync(User, StaffPolicies.WorkRequests)).Succeeded;
        shown = new
        {
            filter = new
            {
                statuses = filter.Statuses?.Select(s => s.ToString()),
                family = Family?.ToString(),
                channel = Channel?.ToString(),
                overdue = OverdueOnly,
                approval = AwaitingApprovalOnly,
                mine = MineOnly,
                ended = IncludeEnded,
                stale = IncludeStale,
                search = StaffQueueQuery.SearchKind(filter.Search),
                nextPage = Cursor is not null,
            },
            references = Results.Rows.Select(r => r.ReferenceNumber).ToArray(),
        };
    }

    /// <summary>The current filters with <paramref name="name"/>=true added (the one-click "show them too").</summary>
    public string WithFlagUrl(string name)
    {
        var query = Request.Query.Where(q => q.Key != "after" && q.Key != name)
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"))
            .Append($"{name}=true");
        return $"/staff/queue?{string.Join("&", query)}";
    }

    public AuditedRead? AuditedRead(string action) => new(null, shown);

    /// <summary>The same filters with the next page's cursor.</summary>
    public string NextPageUrl()
    {
        var query = Request.Query.Where(q => q.Key != "after")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"))
            .Append($"after={Uri.EscapeDataString(Results.NextCursor ?? string.Empty)}");
        return $"/staff/queue?{string.Join("&", query)}";
    }
}
