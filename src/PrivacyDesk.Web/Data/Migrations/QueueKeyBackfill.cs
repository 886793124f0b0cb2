namespace PrivacyDesk.Web.Data.Migrations;

/// <summary>
/// Fills <c>PrincipalFamilyNameKey</c>, <c>PrincipalFamilyKanaKey</c> and <c>PrincipalDuplicateKey</c> for requests filed
/// before the migration QueueKeysAndDashboardIndexes, as <see cref="Domain.Text.JapaneseText.FamilyNameKey"/>,
/// <see cref="Domain.Text.JapaneseText.FamilyKanaKey"/> and <see cref="Domain.People.Person.DuplicateKey"/> set them for
/// new ones. Names and kana are stored normalised with
/// single spaces, so the family name is the part before the first space; the kana key then enlarges small kana and drops
/// the middle dot, as <see cref="Domain.Text.JapaneseText.SearchKey"/> does. Written once per provider because each
/// spells "the part before the first space" and a date as text differently.
/// </summary>
internal static class QueueKeyBackfill
{
    public enum Provider
    {
        Sqlite,
        Postgres,
        SqlServer,
    }

    private static readonly (string Small, string Large)[] KanaReplacements =
    [
        ("ァ", "ア"), ("ィ", "イ"), ("ゥ", "ウ"), ("ェ", "エ"), ("ォ", "オ"), ("ッ", "ツ"), ("ャ", "ヤ"), ("ュ", "ユ"), ("ョ", "ヨ"),
        ("ヮ", "ワ"), ("ヵ", "カ"), ("ヶ", "ケ"), ("・", ""),
    ];

    public static string Sql(Provider provider)
    {
        var (q, text) = provider == Provider.SqlServer
            ? ((Func<string, string>)(name => $"[{name}]"), (Func<string, string>)(value => $"N'{value}'"))
            : (name => $"\"{name}\"", value => $"'{value}'");

        string FirstWord(string column) => provider switch
        {
            Provider.Sqlite => $"CASE WHEN instr({column}, ' ') > 0 THEN substr({column}, 1, instr({column}, ' ') - 1) ELSE {column} END",
            Provider.Postgres => $"split_part({column}, ' ', 1)",
            _ => $"CASE WHEN CHARINDEX(' ', {column}) > 0 THEN LEFT({column}, CHARINDEX(' ', {column}) - 1) ELSE {column} END",
        };

        var kana = FirstWord($"p.{q("FullNameKana")}");
        foreach (var (small, large) in KanaReplacements)
        {
            kana = $"REPLACE({kana}, {text(small)}, {text(large)})";
        }

        // Person.DuplicateKey: the kana search key, "|", the birth date as yyyy-MM-dd (SQLite stores it as that text).
        var birth = $"p.{q("DateOfBirth")}";
        var duplicateKey = provider switch
        {
            Provider.Sqlite => $"p.{q("SearchKana")} || '|' || {birth}",
            Provider.Postgres => $"p.{q("SearchKana")} || '|' || to_char({birth}, 'YYYY-MM-DD')",
            _ => $"p.{q("SearchKana")} + N'|' + CONVERT(nchar(10), {birth}, 23)",
        };

        var principal = $"FROM {q("People")} p WHERE p.{q("Id")} = {q("Requests")}.{q("PrincipalId")}";
        return $"UPDATE {q("Requests")} SET {q("PrincipalFamilyNameKey")} = (SELECT {FirstWord($"p.{q("FullName")}")} {principal}), "
               + $"{q("PrincipalFamilyKanaKey")} = (SELECT {kana} {principal}), "
               + $"{q("PrincipalDuplicateKey")} = (SELECT {duplicateKey} {principal});";
    }
}
