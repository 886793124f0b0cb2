using System.Text;
using PrivacyDesk.Domain.Fees.BankFiles;

namespace PrivacyDesk.Domain.Tests;

public class ZenginFileTests
{
    private static readonly DateOnly Day = new(2026, 12, 4);

    private static ZenginFileBuilder NormalDay() => ZenginFileBuilder.TransferNotice()
        .Credit(1, Day, 1_000, "2026000123 ﾔﾏﾀﾞ ﾊﾅｺ")
        .Credit(2, Day, 2_000, "ｻﾄｳ ｼﾞﾛｳ")
        .Credit(3, Day, 1_000, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsANormalDayOfTransferNoticesWithOrWithoutLineBreaks(bool lineBreaks)
    {
        var builder = NormalDay();
        builder.LineBreaks = lineBreaks;

        var statement = ZenginFile.Parse(builder.Build());

        Assert.Equal(BankFileFormat.ZenginTransferNotice, statement.Format);
        Assert.Equal([1_000L, 2_000L, 1_000L], statement.Credits.Select(c => c.AmountYen));
        Assert.Equal(["2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", "ｻﾄｳ ｼﾞﾛｳ", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ"], statement.Credits.Select(c => c.PayerName));
        Assert.All(statement.Credits, c => Assert.Equal(Day, c.BookedOn));
        Assert.Equal("0005-123-1-1234567|2026-12-04|1|1000", statement.Credits[0].IdentityKey);
        Assert.Equal([2, 3, 4], statement.Credits.Select(c => c.RecordNumber));
    }

    [Fact]
    public void ReadsAnAccountStatementAndSkipsDebits()
    {
        var file = ZenginFileBuilder.AccountStatement()
            .Credit(10, Day, 1_000, "2026000123 ﾔﾏﾀﾞ ﾊﾅｺ")
            .Debit(11, Day, 440)
            .Credit(12, Day, 3_000, "ｽｽﾞｷ ｲﾁﾛｳ")
            .Build();

        var statement = ZenginFile.Parse(file);

        Assert.Equal(BankFileFormat.ZenginAccountStatement, statement.Format);
        Assert.Equal([1_000L, 3_000L], statement.Credits.Select(c => c.AmountYen));
        Assert.Equal(1, statement.SkippedRecords);
        Assert.Equal("0005-123-1-1234567|2026-12-04|12|3000", statement.Credits[1].IdentityKey);
    }

    [Fact]
    public void ACancelledNoticeIsNotACreditButCountsAgainstTheTrailer()
    {
        var statement = ZenginFile.Parse(NormalDay().Credit(4, Day, 1_000, "ﾀﾅｶ ｹﾝ", cancelled: true).Build());

        Assert.Equal(3, statement.Credits.Count);
        Assert.Equal(1, statement.SkippedRecords);
    }

    [Fact]
    public void ReiwaDatesAreReadWhenTheBankWritesThem()
    {
        // 令和8年 = 2026: a bank writing 和暦 puts 08 where another writes 26.
        var file = ZenginFileBuilder.TransferNotice().Credit(1, new DateOnly(2008, 12, 4), 1_000, "ﾔﾏﾀﾞ ﾊﾅｺ").Build();

        var statement = ZenginFile.Parse(file, ZenginDateEra.Reiwa);

        Assert.Equal(Day, statement.Credits[0].BookedOn);
    }

    [Fact]
    public void AWrongTrailerTotalRefusesTheWholeFileAtTheTrailerField()
    {
        var builder = NormalDay();
        builder.TrailerTotalOverride = 5_000;

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(builder.Build()));

        Assert.Equal("zengin.trailer", ex.Code);
        Assert.Equal(5, ex.RecordNumber);

        // Four records of 200 bytes and a line break before the trailer; its total starts at byte 8.
        Assert.Equal((4 * 202) + 8, ex.BytePosition);
        Assert.Contains("5件目のレコード（ファイルの816バイト目）", ex.Japanese, StringComparison.Ordinal);
        Assert.Contains("振込金額合計（5,000）がデータ・レコードの合計（4,000）と一致しません", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedRecordIsRefusedWithItsNumberAndPosition()
    {
        var file = NormalDay().Build().ToList();

        // Cut 30 bytes out of the third record (second data record): its line ends after 170 bytes.
        file.RemoveRange((2 * 202) + 100, 30);

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(file.ToArray()));

        Assert.Equal("zengin.truncated", ex.Code);
        Assert.Equal(3, ex.RecordNumber);
        Assert.Equal((2 * 202) + 171, ex.BytePosition);
        Assert.Contains("170バイトしかありません", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileCutShortWithoutLineBreaksIsRefused()
    {
        var builder = NormalDay();
        builder.LineBreaks = false;
        var file = builder.Build().AsSpan(0, (4 * 200) + 50).ToArray();

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(file));

        Assert.Equal("zengin.truncated", ex.Code);
        Assert.Equal(5, ex.RecordNumber);
    }

    [Fact]
    public void AUtf8FileIsRefusedAsNotShiftJis()
    {
        var shiftJis = NormalDay().Build();
        var utf8 = Encoding.UTF8.GetBytes(ZenginFile.ShiftJis.GetString(shiftJis));

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(utf8));

        Assert.Equal("zengin.notShiftJis", ex.Code);
        Assert.Contains("Shift_JIS ではありません", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void ABytethatShiftJisCannotDecodeIsRefusedWithItsPosition()
    {
        var file = NormalDay().Build();
        file[202 + 60] = 0xFF;

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(file));

        Assert.Equal("zengin.notShiftJis", ex.Code);
        Assert.Equal(2, ex.RecordNumber);
        Assert.Equal(202 + 61, ex.BytePosition);
        Assert.Contains("Shift_JIS として読めない", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonNumericAmountIsRefusedAtItsByte()
    {
        var file = NormalDay().Build();
        file[202 + 22] = (byte)'A';

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(file));

        Assert.Equal("zengin.numeric", ex.Code);
        Assert.Equal(2, ex.RecordNumber);
        Assert.Equal(202 + 23, ex.BytePosition);
    }

    [Fact]
    public void RecordsOutOfOrderAreRefused()
    {
        var file = NormalDay().Build();
        var withoutHeader = file.AsSpan(202).ToArray();

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(withoutHeader));

        Assert.Equal("zengin.sequence", ex.Code);
        Assert.Equal(1, ex.RecordNumber);
    }

    [Fact]
    public void AFileWithoutItsEndRecordIsRefused()
    {
        var file = NormalDay().Build();

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(file.AsSpan(0, 5 * 202).ToArray()));

        Assert.Equal("zengin.noEnd", ex.Code);
    }

    [Fact]
    public void AnUnknownTypeCodeIsRefused()
    {
        var file = NormalDay().Build();
        file[2] = (byte)'9';

        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse(file));

        Assert.Equal("zengin.typeCode", ex.Code);
        Assert.Equal(2, ex.BytePosition);
    }

    [Fact]
    public void TheSameFileAndAnOverlappingStatementGiveTheSameBankIdentities()
    {
        var monday = ZenginFileBuilder.AccountStatement()
            .Credit(10, Day, 1_000, "2026000123 ﾔﾏﾀﾞ ﾊﾅｺ")
            .Credit(11, Day, 1_000, "ｽｽﾞｷ ｲﾁﾛｳ");
        var overlapping = ZenginFileBuilder.AccountStatement()
            .Credit(11, Day, 1_000, "ｽｽﾞｷ ｲﾁﾛｳ")
            .Credit(12, Day.AddDays(1), 1_000, "ﾀﾅｶ ｹﾝ");

        var first = ZenginFile.Parse(monday.Build()).Credits.Select(c => c.IdentityKey).ToArray();
        var again = ZenginFile.Parse(monday.Build()).Credits.Select(c => c.IdentityKey).ToArray();
        var second = ZenginFile.Parse(overlapping.Build()).Credits.Select(c => c.IdentityKey).ToArray();

        Assert.Equal(first, again);
        Assert.Equal([first[1]], first.Intersect(second));
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        var ex = Assert.Throws<BankFileException>(() => ZenginFile.Parse([]));

        Assert.Equal("zengin.empty", ex.Code);
    }
}
