using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Web.Data.Migrations;

/// <summary>
/// Fills the dashboard's counters (<c>DashboardFigures</c>, ADR 0027) from the rows: called by the migration
/// DashboardFigures, and by <c>recount-dashboard</c> (<see cref="Pages.Staff.Dashboard.DashboardFiguresRecount"/>) that
/// compares and rebuilds them. <see cref="SelectSql"/> is the full count, one GROUP BY per figure, with the same keys
/// as <see cref="Pages.Staff.Dashboard.DashboardFigureChanges.Keys"/> computes in C#:
/// <list type="bullet">
/// <item>status × family of every request;</item>
/// <item>family × JST calendar days from receipt to close of closed requests (as the close-time histogram, ADR 0009);</item>
/// <item>the JST due day (<c>DateOnly.DayNumber</c>, days since 0001-01-01) of running requests (open, DueAt set);</item>
/// <item>yyyymm of PaidOn of every payment: how many and the sum (refunds are negative amounts).</item>
/// </list>
/// Written once per provider because each spells instants differently (see <see cref="DeadlineFromReceiptBackfill"/>).
/// </summary>
internal static class DashboardFiguresBackfill
{
    public static string SelectSql(DeadlineFromReceiptBackfill.Provider provider)
    {
        var closed = ((int)RequestStatus.Closed).ToString(CultureInfo.InvariantCulture);
        var (q, closeDays, dueDay, month, isOpen) = provider switch
        {
            DeadlineFromReceiptBackfill.Provider.Sqlite => (
                (Func<string, string>)(name => $"\"{name}\""),
                $"{SqliteJstDay("ClosedAt")} - {SqliteJstDay("ReceivedAt")}",
                SqliteJstDay("DueAt"),
                "CAST(substr(\"PaidOn\", 1, 4) AS INTEGER) * 100 + CAST(substr(\"PaidOn\", 6, 2) AS INTEGER)",
                "\"IsOpen\" = 1"),
            DeadlineFromReceiptBackfill.Provider.Postgres => (
                name => $"\"{name}\"",
                "(\"ClosedAt\" AT TIME ZONE 'Asia/Tokyo')::date - (\"ReceivedAt\" AT TIME ZONE 'Asia/Tokyo')::date",
                "(\"DueAt\" AT TIME ZONE 'Asia/Tokyo')::date - DATE '0001-01-01'",
                "CAST(EXTRACT(YEAR FROM \"PaidOn\") * 100 + EXTRACT(MONTH FROM \"PaidOn\") AS integer)",
                "\"IsOpen\""),
            _ => (
                name => $"[{name}]",
                "DATEDIFF(day, CAST(SWITCHOFFSET([ReceivedAt], '+09:00') AS date), CAST(SWITCHOFFSET([ClosedAt], '+09:00') AS date))",
                "DATEDIFF(day, CAST('0001-01-01' AS date), CAST(SWITCHOFFSET([DueAt], '+09:00') AS date))",
                "YEAR([PaidOn]) * 100 + MONTH([PaidOn])",
                "[IsOpen] = 1"),
        };

        var big = provider == DeadlineFromReceiptBackfill.Provider.Postgres ? "bigint" : "BIGINT";
        return $"""
            SELECT 1 AS {q("Figure")}, {q("Status")} AS {q("KeyA")}, {q("Family")} AS {q("KeyB")}, CAST(COUNT(*) AS {big}) AS {q("Count")}, CAST(0 AS {big}) AS {q("AmountYen")}
            FROM {q("Requests")} GROUP BY {q("Status")}, {q("Family")}
            UNION ALL
            SELECT 2, {q("Family")}, {q("Days")}, CAST(COUNT(*) AS {big}), CAST(0 AS {big})
            FROM (SELECT {q("Family")}, ({closeDays}) AS {q("Days")} FROM {q("Requests")} WHERE {q("Status")} = {closed} AND {q("ClosedAt")} IS NOT NULL) AS c
            GROUP BY {q("Family")}, {q("Days")}
            UNION ALL
            SELECT 3, {q("Day")}, 0, CAST(COUNT(*) AS {big}), CAST(0 AS {big})
            FROM (SELECT ({dueDay}) AS {q("Day")} FROM {q("Requests")} WHERE {isOpen} AND {q("DueAt")} IS NOT NULL) AS d
            GROUP BY {q("Day")}
            UNION ALL
            SELECT 4, {q("Month")}, 0, CAST(COUNT(*) AS {big}), CAST(SUM({q("AmountYen")}) AS {big})
            FROM (SELECT ({month}) AS {q("Month")}, {q("AmountYen")} FROM {q("FeePayments")}) AS p
            GROUP BY {q("Month")}
            """;
    }

    /// <summary>Replaces every counter with the full count (the migration's backfill; the rebuild of recount-dashboard).</summary>
    public static string Sql(DeadlineFromReceiptBackfill.Provider provider)
    {
        var q = provider == DeadlineFromReceiptBackfill.Provider.SqlServer ? (Func<string, string>)(n => $"[{n}]") : n => $"\"{n}\"";
        return $"DELETE FROM {q("DashboardFigures")};\n"
               + $"INSERT INTO {q("DashboardFigures")} ({q("Figure")}, {q("KeyA")}, {q("KeyB")}, {q("Count")}, {q("AmountYen")})\n"
               + SelectSql(provider) + ";";
    }

    /// <summary>The JST day number of a binary-stored instant: UTC ticks (clock ticks minus the offset) + 9 h, in whole days.</summary>
    internal static string SqliteJstDay(string column) =>
        $"(((\"{column}\" >> 11) * 1000 - ((\"{column}\" << 53) >> 53) * {TimeSpan.TicksPerMinute} + {TimeSpan.FromHours(9).Ticks}) / {TimeSpan.TicksPerDay})";

    public static DeadlineFromReceiptBackfill.Provider ProviderOf(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) =>
        database.IsSqlite() ? DeadlineFromReceiptBackfill.Provider.Sqlite
        : database.IsNpgsql() ? DeadlineFromReceiptBackfill.Provider.Postgres
        : DeadlineFromReceiptBackfill.Provider.SqlServer;
}
