using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;

/// <summary>Reads of the register: the page's list, and the records that match a requester.</summary>
public sealed class ProvisionRecordQuery(PrivacyDeskDbContext db)
{
    public const int PageSize = 100;

    /// <summary>Live records (not purged), newest provision first; <paramref name="search"/> matches a member number, a kana prefix or a name.</summary>
    public async Task<IReadOnlyList<ProvisionRecord>> ListAsync(ProvisionDirection? direction, string? search, CancellationToken cancellationToken)
    {
        var query = db.ProvisionRecords.AsNoTracking().Where(r => r.PurgedAt == null);
        if (direction is { } d)
        {
            query = query.Where(r => r.Direction == d);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var number = JapaneseText.ToHalfWidth(search).Trim();
            var kana = JapaneseText.SearchKey(search);
            var name = JapaneseText.NormalizeName(search);
            query = query.Where(r => r.MemberNumber == number || (kana.Length > 0 && r.SearchKana.StartsWith(kana)) || r.PersonName.Contains(name));
        }

        return await query.OrderByDescending(r => r.ProvidedOn).ThenBy(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The live records about the request's principal: the same member number, or the same kana key and birth date
    /// (kanji vary, 髙/高, where kana and birth date do not).
    /// </summary>
    public async Task<IReadOnlyList<ProvisionRecord>> MatchingAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = request.Principal;
        var number = principal.MemberNumber;
        var kana = principal.SearchKana;
        DateOnly? born = principal.DateOfBirth;
        return await db.ProvisionRecords.AsNoTracking()
            .Where(r => r.PurgedAt == null
                        && ((number != null && r.MemberNumber == number) || (r.SearchKana == kana && r.PersonBirthDate == born)))
            .OrderBy(r => r.ProvidedOn).ThenBy(r => r.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The records with these ids, in the order of provision, live or not (a purged one has no text left).</summary>
    public async Task<IReadOnlyList<ProvisionRecord>> ByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.ProvisionRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.ProvidedOn).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>The text of a records disclosure: each selected record's lines, a blank line between records.</summary>
    public static string DisclosureText(IEnumerable<ProvisionRecord> records) =>
        string.Join("\n\n", records.Select(r => string.Join("\n", r.DisclosureLines())));
}
