using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Identity;

/// <summary>One staff account as lists show it: its id, the name people read and the e-mail that tells namesakes apart.</summary>
public sealed record StaffDirectoryEntry(string Id, string Name, string? Email);

/// <summary>
/// The one place that turns staff user ids into the names pages, exports and mails show. A blank display name falls
/// back to the e-mail address, then to the id, so a row never shows an empty actor.
/// </summary>
public sealed class StaffDirectory(PrivacyDeskDbContext db)
{
    /// <summary>Names of the staff users with these ids; ids that are not staff (member, system, anonymous) are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.OfType<string>().Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return new Dictionary<string, string>();
        }

        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => NameOf(u.Id, u.DisplayName, u.Email));
    }

    /// <summary>Every staff account (locked ones included: history names them), by name, then e-mail.</summary>
    public async Task<IReadOnlyList<StaffDirectoryEntry>> AllAsync(CancellationToken cancellationToken = default)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return users.Select(u => new StaffDirectoryEntry(u.Id, NameOf(u.Id, u.DisplayName, u.Email), u.Email)).ToList();
    }

    public static string NameOf(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return NameOf(user.Id, user.DisplayName, user.Email);
    }

    private static string NameOf(string id, string? displayName, string? email) =>
        string.IsNullOrWhiteSpace(displayName) ? email ?? id : displayName;
}
