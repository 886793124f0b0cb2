namespace PrivacyDesk.Web.Data.Migrations;

/// <summary>
/// Moves the one shared text of a decision (<c>Decisions.DisclosedContent</c>, dropped by the migration
/// ProvisionRecordRegister) to content per kind (ADR 0020), after the new columns are added and before the old one is
/// dropped (the migration calls it between the two; the generated DropColumn was moved below the call):
/// <list type="bullet">
/// <item>the text goes to the personal data (保有個人データの開示, kind 11) disclosed in full or in part (outcomes 1, 2);</item>
/// <item>a records outcome (第三者提供記録の開示, kind 12) disclosed in full or in part is flagged
/// <c>ContentNeedsReview</c>: its letter printed the same text, which may have been personal data. It keeps the text
/// only when the decision disclosed no personal data (then the text can only have been the records); staff are shown
/// the flag on the decision and on /staff/third-party-records, and the records letter waits for their look;</item>
/// <item>purposes keep no content: their letter lists the configured purposes, as it did.</item>
/// </list>
/// Running it again changes nothing new (it reads only the old column).
/// </summary>
internal static class ContentPerKindBackfill
{
    public enum Provider
    {
        Sqlite,
        Postgres,
        SqlServer,
    }

    public static string Sql(Provider provider)
    {
        Func<string, string> q = provider == Provider.SqlServer ? name => $"[{name}]" : name => $"\"{name}\"";
        var yes = provider == Provider.Postgres ? "TRUE" : "1";
        var outcomes = q("DecisionOutcomes");
        var shared = $"(SELECT d.{q("DisclosedContent")} FROM {q("Decisions")} d WHERE d.{q("Id")} = {outcomes}.{q("DecisionId")})";
        var disclosesData = $"EXISTS (SELECT 1 FROM {outcomes} p WHERE p.{q("DecisionId")} = {outcomes}.{q("DecisionId")} AND p.{q("Kind")} = 11 AND p.{q("Outcome")} IN (1, 2))";
        return $"UPDATE {outcomes} SET {q("Content")} = {shared} WHERE {q("Kind")} = 11 AND {q("Outcome")} IN (1, 2);\n"
               + $"UPDATE {outcomes} SET {q("ContentNeedsReview")} = {yes}, {q("Content")} = CASE WHEN {disclosesData} THEN NULL ELSE {shared} END "
               + $"WHERE {q("Kind")} = 12 AND {q("Outcome")} IN (1, 2) AND {shared} IS NOT NULL;";
    }
}
