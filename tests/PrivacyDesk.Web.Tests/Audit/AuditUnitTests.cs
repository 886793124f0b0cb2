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

    /// <summary>
    /// The hasher against the layout as ADR 0008 and <see cref="AuditCanonicalForm"/> document it, written out here byte
    /// by byte: text that needs escaping elsewhere, non-ASCII, empty and null fields, with and without a request id, and
    /// both the plain SHA-256 and the keyed HMAC. The verifier feeds the same hasher the database's UTF-8 bytes
    /// (<c>Field(ReadOnlySpan&lt;byte&gt;)</c>), which must give what the recorded strings give.
    /// </summary>
    [Theory]
    [InlineData("u", "Staff", "a", true, "{}", "10.0.0.1")]
    [InlineData("", "", "x", false, "", "")]
    [InlineData("a\"b'c\\d\n\t\r", null, "request.viewed", true, null, null)]
    [InlineData("山田 太郎（総務部）", "総務部", "fee.recorded", false, "{\"note\":\"🙂 𠮷\"}", "2001:db8::1")]
    public void The_hasher_writes_the_documented_layout(string actorId, string? actorRole, string action, bool withRequest, string? details, string? ipAddress)
    {
        var e = new AuditEvent
        {
            Sequence = 123_456_789_012, OccurredAt = AuditCanonicalForm.Truncate(new DateTimeOffset(2026, 12, 6, 16, 0, 0, 123, TimeSpan.FromHours(9))),
            ActorId = actorId, ActorRole = actorRole, Action = action, RequestId = withRequest ? Guid.Parse("0193a4b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b") : null,
            Details = details, IpAddress = ipAddress,
        };
        var previous = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var expected = new List<byte>(previous) { 0x01 };
        void Int64(long value) => expected.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value)));
        void Field(string? value)
        {
            var bytes = value is null ? null : System.Text.Encoding.UTF8.GetBytes(value);
            expected.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(bytes is null ? uint.MaxValue : (uint)bytes.Length)));
            expected.AddRange(bytes ?? []);
        }

        Int64(e.Sequence);
        Int64(e.OccurredAt.UtcTicks);
        Field(actorId);
        Field(actorRole);
        Field(action);
        expected.Add(withRequest ? (byte)1 : (byte)0);
        expected.AddRange(withRequest ? e.RequestId!.Value.ToByteArray(bigEndian: true) : []);
        Field(details);
        Field(ipAddress);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(expected.ToArray()), AuditCanonicalForm.Hash(previous, e));
        var macKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var key = new AuditChainKey("k0123456789abcdef", macKey);
        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(macKey, expected.ToArray()), AuditCanonicalForm.Hash(previous, e, key));

        // The verifier's path: the text fields as UTF-8 bytes, the previous hash given last.
        using var hasher = new AuditCanonicalForm.Hasher();
        var viaBytes = new byte[32];
        hasher.Begin(e.Sequence, e.OccurredAt.UtcTicks);
        foreach (var text in new[] { actorId, actorRole, action })
        {
            if (text is null) { hasher.NullField(); } else { hasher.Field(System.Text.Encoding.UTF8.GetBytes(text).AsSpan()); }
        }

        hasher.RequestId(e.RequestId);
        foreach (var text in new[] { details, ipAddress })
        {
            if (text is null) { hasher.NullField(); } else { hasher.Field(System.Text.Encoding.UTF8.GetBytes(text).AsSpan()); }
        }

        hasher.Finish(previous, viaBytes, key);
        Assert.Equal(AuditCanonicalForm.Hash(previous, e, key), viaBytes);
    }

    private static AuditEvent Clone(AuditEvent e) => new()
    {
        Sequence = e.Sequence, OccurredAt = e.OccurredAt, ActorId = e.ActorId, ActorRole = e.ActorRole, Action = e.Action,
        RequestId = e.RequestId, Details = e.Details, IpAddress = e.IpAddress,
    };
}
