namespace PrivacyDesk.Web.Data.Migrations;

/// <summary>
/// Custom SQL in SQL Server migrations goes through <c>EXEC(N'…')</c>. A generated script (the idempotent one a release
/// applies) puts each migration in one batch, inside <c>IF NOT EXISTS (…) BEGIN … END</c>; SQL Server compiles a batch
/// before running it, so an UPDATE of a column added earlier in the same migration fails with "Invalid column name", and
/// CREATE TRIGGER must begin a batch of its own. Dynamic SQL is compiled when it runs. Applying migrations from the app
/// (<c>migrate</c>) runs the same text.
/// </summary>
internal static class SqlServerBatch
{
    public static string Exec(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return $"EXEC(N'{sql.Replace("'", "''", StringComparison.Ordinal)}')";
    }
}
