namespace PrivacyDesk.Web.Data.Migrations;

/// <summary>
/// Recomputes the stored clock of requests filed before the migration RequestLifecycle, under the rule of ADR 0016: the
/// target counts from receipt, and only the waits for the member that have ended (status changes into AwaitingFee or
/// ReturnedForDeficiency, up to the next change) do not count. Before, completion (the first entry into review) reset
/// <c>PausedTotal</c> to the whole time since receipt. <c>PausedTotal</c> becomes the sum of the ended waits, and
/// <c>DueAt</c> of every request whose clock is not paused now becomes receipt + target + that sum (a paused request
/// keeps <c>DueAt</c> null until it resumes, which sets it through the domain). No request was extended before the
/// migration, so the extension is 0. Written once per provider because each spells instants and their differences
/// differently: SQLite stores them as EF's <c>DateTimeOffsetToBinaryConverter</c> numbers (UTC ticks / 1000, shifted
/// left 11 bits, offset 0), PostgreSQL as timestamptz, SQL Server as datetimeoffset; <c>PausedTotal</c> is ticks.
/// Running it again changes nothing (it only reads the history).
/// </summary>
internal static class DeadlineFromReceiptBackfill
{
    public enum Provider
    {
        Sqlite,
        Postgres,
        SqlServer,
    }

    private const long TicksPerDay = 864_000_000_000;

    public static string Sql(Provider provider)
    {
        // The ended waits of a request: a change into a waiting status (3 AwaitingFee, 10 ReturnedForDeficiency) and the
        // change right after it.
        var (q, waitTicks, dueAt) = provider switch
        {
            Provider.Sqlite => (
                (Func<string, string>)(name => $"\"{name}\""),
                "((n.\"At\" - c.\"At\") / 2048) * 1000",
                $"\"ReceivedAt\" + ((\"ResponseTargetDays\" * {TicksPerDay} + \"PausedTotal\") / 1000) * 2048"),
            Provider.Postgres => (
                name => $"\"{name}\"",
                "CAST(EXTRACT(EPOCH FROM (n.\"At\" - c.\"At\")) * 10000000 AS bigint)",
                "\"ReceivedAt\" + make_interval(days => \"ResponseTargetDays\") + (\"PausedTotal\" / 10) * interval '1 microsecond'"),
            _ => (
                name => $"[{name}]",
                "DATEDIFF_BIG(microsecond, c.[At], n.[At]) * 10",
                "DATEADD(microsecond, CAST((([PausedTotal] / 10) % 1000000) AS int), DATEADD(second, CAST(([PausedTotal] / 10000000) AS int), DATEADD(day, [ResponseTargetDays], SWITCHOFFSET([ReceivedAt], '+00:00'))))"),
        };

        var next = $"SELECT MIN(x.{q("At")}) FROM {q("StatusChanges")} x WHERE x.{q("RequestId")} = c.{q("RequestId")} AND x.{q("At")} > c.{q("At")}";
        var waits = $"SELECT SUM({waitTicks}) FROM {q("StatusChanges")} c JOIN {q("StatusChanges")} n ON n.{q("RequestId")} = c.{q("RequestId")} "
                    + $"AND n.{q("At")} = ({next}) WHERE c.{q("RequestId")} = {q("Requests")}.{q("Id")} AND c.{q("To")} IN (3, 10)";
        return $"UPDATE {q("Requests")} SET {q("PausedTotal")} = COALESCE(({waits}), 0);\n"
               + $"UPDATE {q("Requests")} SET {q("DueAt")} = {dueAt} WHERE {q("ClockPausedSince")} IS NULL;";
    }
}
