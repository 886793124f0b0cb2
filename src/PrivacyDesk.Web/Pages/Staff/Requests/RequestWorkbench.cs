using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Pages.Staff.Requests;

/// <summary>The outcome of a staff change: saved, refused by a rule, or overtaken by a colleague's change.</summary>
public sealed record WorkOutcome(bool Saved, string? Error, ChangeConflict? Conflict)
{
    public static readonly WorkOutcome Ok = new(true, null, null);

    public static WorkOutcome Refused(DomainRuleException ex) => new(false, Hosting.Localized.Message(ex), null);

    public static WorkOutcome Overtaken(ChangeConflict conflict) => new(false, null, conflict);
}

/// <summary>
/// Someone else changed the request after this page was shown. The message names who and what, so the staff member
/// can look at the current state before deciding whether their change still makes sense; nothing is overwritten.
/// </summary>
public sealed record ChangeConflict(string? ByName, string? Action, DateTimeOffset? At)
{
    public string Message => Hosting.Localized.Text(
        $"この請求は、画面を開いた後に{(ByName is null ? "他の職員" : ByName + " さん")}が変更しました{Describe(true)}。あなたの操作は保存していません。最新の内容を確認してから、必要ならもう一度操作してください。",
        $"{ByName ?? "Another staff member"} changed this request after you opened this page{Describe(false)}. Your change was not saved. Check the current state, then try again if it is still needed.");

    private string Describe(bool japanese)
    {
        if (At is null)
        {
            return string.Empty;
        }

        var time = Domain.Text.JapaneseText.ToJst(At.Value).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var action = Action is null ? null : AuditActions.Describe(Action);
        return japanese
            ? $"（{time}{(action is null ? string.Empty : "、" + action.Value.Japanese)}）"
            : $" ({time}{(action is null ? string.Empty : ", " + action.Value.English)})";
    }
}

/// <summary>
/// Loads a request with everything the back office shows, and saves staff changes with optimistic concurrency: the
/// version the staff member saw is the one the update must match. Every state change goes through the domain
/// (<see cref="PrivacyRequest"/>); this class only loads, saves and explains conflicts.
/// </summary>
public sealed class RequestWorkbench(PrivacyDeskDbContext db, UserManager<StaffUser> users, StaffDirectory staff)
{
    public async Task<PrivacyRequest?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Requests
            .Include(r => r.Principal)
            .Include(r => r.Agent)
            .Include(r => r.StatusHistory)
            .Include(r => r.Documents)
            .Include(r => r.Payments)
            .Include(r => r.IdentityChecks)
            .Include(r => r.ContactCorrections)
            .Include(r => r.Decision).ThenInclude(d => d!.Outcomes)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>
    /// Saves the unit of work (the request's changes, its audit events, any mail) if the request is still at
    /// <paramref name="seenVersion"/>. A change made in between, even one racing this save, is reported, never
    /// overwritten.
    /// </summary>
    public async Task<WorkOutcome> SaveAsync(PrivacyRequest request, int seenVersion, CancellationToken cancellationToken)
    {
        if (request.Version != seenVersion)
        {
            return WorkOutcome.Overtaken(await ExplainAsync(request.Id, cancellationToken));
        }

        // The concurrency token is compared against what the staff member saw, not what this request loaded.
        db.Entry(request).Property(r => r.Version).OriginalValue = seenVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return WorkOutcome.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return WorkOutcome.Overtaken(await ExplainAsync(request.Id, cancellationToken));
        }
    }

    /// <summary>Drops what this unit of work loaded or changed, so that the next load shows the request as stored.</summary>
    public void Forget() => db.ChangeTracker.Clear();

    /// <summary>Who changed the request last, and how, from the audit trail.</summary>
    public async Task<ChangeConflict> ExplainAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var last = await db.AuditEvents.AsNoTracking()
            .Where(e => e.RequestId == requestId && AuditActions.Changes.Contains(e.Action))
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.ActorId, e.Action, e.OccurredAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return new ChangeConflict(null, null, null);
        }

        var names = await NamesAsync([last.ActorId], cancellationToken);
        return new ChangeConflict(names.GetValueOrDefault(last.ActorId), last.Action, last.OccurredAt);
    }

    /// <summary>Display names of staff users by id (<see cref="StaffDirectory"/>), for the pages built on the workbench.</summary>
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken) =>
        staff.NamesAsync(ids, cancellationToken);

    /// <summary>Staff who can be put in charge of a request (those who work requests), by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AssignableStaffAsync(CancellationToken cancellationToken)
    {
        var workers = new List<StaffUser>();
        foreach (var role in StaffPolicies.Roles[StaffPolicies.WorkRequests])
        {
            workers.AddRange(await users.GetUsersInRoleAsync(role));
        }

        return workers
            .Where(u => u.LockoutEnd is null || u.LockoutEnd < DateTimeOffset.UtcNow)
            .DistinctBy(u => u.Id)
            .Select(u => (u.Id, StaffDirectory.NameOf(u)))
            .OrderBy(u => u.Item2, StringComparer.Ordinal)
            .ToList();
    }

    public static string ActorOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Staff pages need a signed-in user.");
}
