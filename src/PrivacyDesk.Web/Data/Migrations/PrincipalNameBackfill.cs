namespace PrivacyDesk.Web.Data.Migrations;

/// <summary>
/// Fills <c>Requests.PrincipalName</c> for requests filed before the migration QueueSearchKeys, as
/// <see cref="Domain.Requests.PrivacyRequest"/> sets it for new ones: the principal's <c>FullName</c>, copied as stored.
/// One set-based statement per provider (a join, not a statement per row): the migration runs on stores of a million
/// requests (docs/benchmarks/queue.md, session 8).
/// </summary>
internal static class PrincipalNameBackfill
{
    public enum Provider
    {
        Sqlite,
        Postgres,
        SqlServer,
    }

    public static string Sql(Provider provider) => provider switch
    {
        // SQLite: a correlated lookup by the People primary key per request, in one pass over Requests.
        Provider.Sqlite =>
            "UPDATE \"Requests\" SET \"PrincipalName\" = "
            + "(SELECT p.\"FullName\" FROM \"People\" p WHERE p.\"Id\" = \"Requests\".\"PrincipalId\");",
        Provider.Postgres =>
            "UPDATE \"Requests\" AS r SET \"PrincipalName\" = p.\"FullName\" FROM \"People\" AS p WHERE p.\"Id\" = r.\"PrincipalId\";",
        _ =>
            "UPDATE r SET r.[PrincipalName] = p.[FullName] FROM [Requests] AS r INNER JOIN [People] AS p ON p.[Id] = r.[PrincipalId];",
    };
}
