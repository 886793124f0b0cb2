using PrivacyDesk.Domain;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>One choice of the actor filter: the id the log stores and the name people read.</summary>
public sealed record AuditActorChoice(string Id, Label Name);

/// <summary>
/// The actors an auditor can pick by name instead of typing a user id: the requester, the system, anonymous visitors,
/// then every staff account by display name (the e-mail address tells namesakes apart).
/// </summary>
public static class AuditActorChoices
{
    public static readonly IReadOnlyList<string> NonStaff = ["member", "system", "anonymous"];

    public static async Task<IReadOnlyList<AuditActorChoice>> ListAsync(StaffDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var staff = await directory.AllAsync(cancellationToken);
        var namesakes = staff.GroupBy(u => u.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return NonStaff.Select(id => new AuditActorChoice(id, StaffRoleNames.Of(id)))
            .Concat(staff.Select(u =>
            {
                var name = namesakes.Contains(u.Name) ? $"{u.Name}（{u.Email}）" : u.Name;
                return new AuditActorChoice(u.Id, new Label(name, name));
            }))
            .ToList();
    }
}
