using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Identity;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PrivacyDesk.Tools.Seeding;

/// <summary>
/// Fills the store with realistic, entirely fictitious requests at every stage, for trying the app and for the
/// benchmarks (1,000,000 requests in a few minutes). Each request is built and moved along through the domain
/// (<see cref="DemoRequestFactory"/>), so the data obeys the real rules; the rows are then written with plain ADO.NET
/// (<see cref="BulkWriter"/>, columns taken from the EF model) in transactions of <see cref="BatchSize"/> requests.
/// </summary>
/// <remarks>
/// <para>Documents: every seeded document shows the same small placeholder image. Documents still kept (open requests,
/// and ended ones inside the retention period) get their own encrypted content row, sealed by the document vault under
/// the document's id like a real upload, so staff can open them; documents of requests that ended longer ago are purged
/// tombstones, as the retention rule wants. This keeps a 1,000,000-request database to a few hundred MB.</para>
/// <para>Audit: bulk rows write no audit events (the audit log is one hash chain; a million demo events would be
/// noise in it). One <c>demo.seeded</c> event is recorded through EF at the end.</para>
/// </remarks>
public sealed class DemoSeeder(
    PrivacyDeskDbContext db, ReferenceNumberAllocator allocator, FeePolicy feePolicy, DeadlineClock deadlineClock,
    DocumentKeyStore keys, AuditTrail audit, TimeProvider clock)
{
    public const int BatchSize = 5_000;
    public const string SeedActor = "seed-demo";

    /// <summary>The receipts spread over this many days before now.</summary>
    public const int SpanDays = 730;

    /// <summary>How long ID documents are kept after a request ends before they are purged.</summary>
    public static readonly TimeSpan DocumentRetention = TimeSpan.FromDays(30);

    /// <summary>Staff ids used when the store has no staff accounts yet (the queue's "assigned to me" needs some).</summary>
    public static readonly IReadOnlyList<string> DemoStaff = ["demo-staff-1", "demo-staff-2", "demo-staff-3", "demo-staff-4"];

    public async Task<int> SeedAsync(int count, int seed, Action<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var (staff, supervisor) = await StaffAsync(cancellationToken);
        var stamp = Stamp();

        // A vault without a logger: it would write one line per sealed document (ids only, but a million of them).
        var vault = new DocumentVault(keys, NullLogger<DocumentVault>.Instance);
        var factory = new DemoRequestFactory(random, feePolicy, deadlineClock, staff, supervisor, stamp, DocumentRetention);
        var receipts = Receipts(random, count, now);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.IsSqlite())
            {
                // Demo data needs no fsync per batch: a crash just means seeding again.
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF;", cancellationToken);
            }

            for (var start = 0; start < count; start += BatchSize)
            {
                var batch = receipts.AsMemory(start, Math.Min(BatchSize, count - start));
                // Under the execution strategy; a retry rebuilds the batch with a fresh writer and fresh numbers.
                await db.RetriedCountAsync(async ct =>
                {
                    var writer = new BulkWriter(db);
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    foreach (var year in Years(batch.Span))
                    {
                        // Numbers come from the same per-year counter as real filings, so the next real one follows on.
                        var next = await allocator.ReserveAsync(year.Year, year.Count, ct) - year.Count + 1;
                        foreach (var receivedAt in batch.Span.Slice(year.Start, year.Count))
                        {
                            var request = factory.Build(receivedAt, ReferenceNumber.Format(year.Year, next++), now);
                            writer.Add(request);
                            foreach (var note in factory.Notes(request, now))
                            {
                                writer.Add(note);
                            }

                            foreach (var document in request.Documents.Where(d => !d.IsPurged))
                            {
                                writer.Add(vault.Seal(document.Id, stamp.Bytes));
                            }
                        }
                    }

                    await writer.FlushAsync(ct);
                    await transaction.CommitAsync(ct);
                    return batch.Length;
                }, cancellationToken);
                progress?.Invoke(start + batch.Length);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // The bulk writer inserts rows without the context, so the dashboard's counters (ADR 0027) are counted afresh.
        await new PrivacyDesk.Web.Pages.Staff.Dashboard.DashboardFiguresRecount(db).RunAsync(rebuild: true, cancellationToken);
        audit.Record("demo.seeded", null, new { count }, SeedActor);
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Staff accounts that work requests, so that seeded requests are assigned to people who can sign in; the demo
    /// ids when there are none yet.
    /// </summary>
    private async Task<(IReadOnlyList<string> Staff, string Supervisor)> StaffAsync(CancellationToken cancellationToken)
    {
        var working = new[] { StaffRoles.Staff, StaffRoles.Supervisor, StaffRoles.Admin };
        var members = await (from userRole in db.UserRoles
                             join role in db.Roles on userRole.RoleId equals role.Id
                             where working.Contains(role.Name!)
                             orderby userRole.UserId
                             select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var staff = members.Select(m => m.UserId).Distinct().ToList();
        if (staff.Count == 0)
        {
            return (DemoStaff, "demo-supervisor-1");
        }

        var supervisor = members.FirstOrDefault(m => m.Name is StaffRoles.Supervisor or StaffRoles.Admin)?.UserId ?? staff[0];
        return (staff, supervisor);
    }

    /// <summary>
    /// Receipt instants over the last <see cref="SpanDays"/> days, oldest first, a little denser towards now (the
    /// service grows).
    /// </summary>
    private static DateTimeOffset[] Receipts(Random random, int count, DateTimeOffset now)
    {
        var receipts = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            var ageDays = SpanDays * Math.Pow(random.NextDouble(), 1.2);
            receipts[i] = DemoRequestFactory.WholeSeconds(now - TimeSpan.FromDays(ageDays) - TimeSpan.FromMinutes(10));
        }

        Array.Sort(receipts);
        return receipts;
    }

    private readonly record struct YearRun(int Year, int Start, int Count);

    /// <summary>Runs of one JST year in a sorted batch (reference numbers are per year).</summary>
    private static List<YearRun> Years(ReadOnlySpan<DateTimeOffset> sorted)
    {
        var runs = new List<YearRun>();
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || JapaneseText.JstDate(sorted[i]).Year != JapaneseText.JstDate(sorted[start]).Year)
            {
                runs.Add(new YearRun(JapaneseText.JstDate(sorted[start]).Year, start, i - start));
                start = i;
            }
        }

        return runs;
    }

    /// <summary>A 480×300 grey card with a striped border: plainly a placeholder, small enough for a million documents.</summary>
    private static DocumentStamp Stamp()
    {
        using var image = new Image<Rgb24>(480, 300);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var edge = x < 16 || y < 16 || x >= row.Length - 16 || y >= rows.Height - 16;
                    row[x] = edge && (x + y) / 12 % 2 == 0 ? new Rgb24(200, 60, 60) : new Rgb24(236, 236, 236);
                }
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        var bytes = stream.ToArray();
        return new DocumentStamp("image/png", bytes, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }
}
