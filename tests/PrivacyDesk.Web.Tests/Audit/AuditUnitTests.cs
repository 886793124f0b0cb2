using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Pages.Audit;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>The pure parts: Excel-safe CSV cells, the statistics' percentiles, the canonical form's sensitivity.</summary>
public sealed class AuditUnitTests
{
    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+81 3", "\"'+81 3\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("a \"quoted\", text", "\"a \"\"quoted\"\", text\"")]
    [InlineData("山田 *", "\"山田 *\"")]
    [InlineData("", "\"\"")]
    public void Text_cells_are_quoted_and_formulas_defused(string text, string expected) => Assert.Equal(expected, ExcelCsvWriter.Cell(text));

    [Fact]
    public void Numbers_stay_numbers_and_null_is_empty()
    {
        Assert.Equal("-1000", ExcelCsvWriter.Cell(-1000));
        Assert.Equal("42", ExcelCsvWriter.Cell(42L));
        Assert.Equal(string.Empty, ExcelCsvWriter.Cell(null));
    }

    [Fact]
    public void Median_and_95th_percentile_use_nearest_rank()
    {
        int[] days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 40];
        Assert.Equal(10.5, AuditStatisticsQuery.Median(days));
        Assert.Equal(19, AuditStatisticsQuery.Percentile(days, 0.95));
        Assert.Equal(3, AuditStatisticsQuery.Median([1, 3, 9]));
        Assert.Null(AuditStatisticsQuery.Median([]));
    }

    [Fact]
    public void Every_field_and_the_previous_hash_change_the_hash_and_null_differs_from_empty()
    {
        var e = new AuditEvent
        {
            Sequence = 7, OccurredAt = AuditCanonicalForm.Truncate(new DateTimeOffset(2026, 11, 30, 1, 2, 3, 456, TimeSpan.FromHours(9))),
            ActorId = "u", ActorRole = "Staff", Action = "a", RequestId = Guid.CreateVersion7(), Details = "{}", IpAddress = "10.0.0.1",
        };
        var genesis = new byte[32];
        var baseline = AuditCanonicalForm.Hash(genesis, e);
        var variants = new Func<AuditEvent, AuditEvent>[]
        {
            x => { x.Sequence++; return x; }, x => { x.OccurredAt = x.OccurredAt.AddTicks(1); return x; }, x => { x.ActorId = "v"; return x; },
            x => { x.ActorRole = null; return x; }, x => { x.ActorRole = string.Empty; return x; }, x => { x.Action = "b"; return x; },
            x => { x.RequestId = null; return x; }, x => { x.Details = null; return x; }, x => { x.IpAddress = "10.0.0.2"; return x; },
            // A separator moved between fields must not hash the same (length prefixes).
            x => { x.ActorId = "u|Staff"; x.ActorRole = null; return x; },
        };
        var hashes = variants.Select(v => Convert.ToHexString(AuditCanonicalForm.Hash(genesis, v(Clone(e))))).ToList();
        Assert.DoesNotContain(Convert.ToHexString(baseline), hashes);
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        var other = new byte[32];
        other[31] = 1;
        Assert.NotEqual(baseline, AuditCanonicalForm.Hash(other, e));
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
        Assert.Equal(0, e.OccurredAt.Ticks % TimeSpan.TicksPerMillisecond);
    }

    private static AuditEvent Clone(AuditEvent e) => new()
    {
        Sequence = e.Sequence, OccurredAt = e.OccurredAt, ActorId = e.ActorId, ActorRole = e.ActorRole, Action = e.Action,
        RequestId = e.RequestId, Details = e.Details, IpAddress = e.IpAddress,
    };
}
