using PrivacyDesk.Domain;
using PrivacyDesk.Web.Audit;

namespace PrivacyDesk.Web.Pages.Audit;

/// <summary>
/// What auditors read for each audit action code: Japanese first (English available), with the code shown beside it
/// as secondary text. Every code the app writes is labelled in the one catalogue, <see cref="AuditActions"/>; only the
/// developer tools' codes are named here. An unknown code is shown as it is.
/// </summary>
public static class AuditActionNames
{
    private static readonly Dictionary<string, Label> Others = new()
    {
        ["demo.seeded"] = new("デモデータを投入", "Demo data loaded"),
    };

    /// <summary>The label of <paramref name="action"/>, or null for a code nobody has named.</summary>
    public static Label? Describe(string action) =>
        AuditActions.Describe(action) ?? (Others.TryGetValue(action, out var label) ? label : null);
}
