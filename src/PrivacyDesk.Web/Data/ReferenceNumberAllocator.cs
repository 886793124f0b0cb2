using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Data;

/// <summary>
/// Allocates reference numbers (PD-2026-000123) from a per-year counter row, atomically in the database, so that any
/// number of app instances on one database never hand out the same number. Call it inside the transaction that saves
/// the request: a rolled-back submission then gives its number back.
/// </summary>
public sealed class ReferenceNumberAllocator(PrivacyDeskDbContext db)
{
    public async Task<string> NextAsync(DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        var year = JapaneseText.JstDate(receivedAt).Year;
        var last = await ReserveAsync(year, 1, cancellationToken);
        return ReferenceNumber.Format(year, last);
    }

    /// <summary>Reserves <paramref name="count"/> consecutive numbers for <paramref name="year"/> and returns the last one.</summary>
    public async Task<long> ReserveAsync(int year, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (db.Database.IsSqlServer())
        {
            var rows = await db.Database.SqlQuery<long>($"""
                MERGE [ReferenceCounters] WITH (HOLDLOCK) AS t
                USING (SELECT {year} AS [Year]) AS s ON t.[Year] = s.[Year]
                WHEN MATCHED THEN UPDATE SET [LastValue] = t.[LastValue] + {count}
                WHEN NOT MATCHED THEN INSERT ([Year], [LastValue]) VALUES (s.[Year], {count})
                OUTPUT inserted.[LastValue] AS [Value];
                """).ToListAsync(cancellationToken);
            return rows.Single();
        }

        // SQLite (3.35+) and PostgreSQL share the upsert syntax.
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO "ReferenceCounters" ("Year", "LastValue") VALUES ({year}, {(long)count})
            ON CONFLICT ("Year") DO UPDATE SET "LastValue" = "ReferenceCounters"."LastValue" + {(long)count}
            RETURNING "LastValue" AS "Value"
            """).ToListAsync(cancellationToken);
        return values.Single();
    }
}
