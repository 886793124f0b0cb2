using System.Text;
using PrivacyDesk.Domain.Fees.BankFiles;
using PrivacyDesk.Web.Pages.Staff.Fees;

namespace PrivacyDesk.Web.Tests.Staff.Fees;

/// <summary>CSV statements as Japanese internet banking exports them, read with the configured column mapping.</summary>
public class CsvStatementReaderTests
{
    private const string Statement =
        "日付,摘要,お支払金額,お預り金額,残高\r\n" +
        "2026/12/04,振込 2026000123 ﾔﾏﾀﾞ ﾊﾅｺ,,\"1,000\",\"5,001,000\"\r\n" +
        "2026/12/04,振込手数料,440,,\"5,000,560\"\r\n" +
        "2026/12/05,ｻﾄｳ ｼﾞﾛｳ,,２０００,\"5,002,560\"\r\n";

    private static readonly CsvStatementOptions Options = new() { Account = "0005-123-1-1234567" };

    [Fact]
    public void AShiftJisStatementGivesItsCreditsAndSkipsDebits()
    {
        var statement = CsvStatementReader.Parse(ZenginFile.ShiftJis.GetBytes(Statement), Options);

        Assert.Equal(BankFileFormat.Csv, statement.Format);
        Assert.Equal([1_000L, 2_000L], statement.Credits.Select(c => c.AmountYen));
        Assert.Equal("振込 2026000123 ﾔﾏﾀﾞ ﾊﾅｺ", statement.Credits[0].PayerName);
        Assert.Equal(new DateOnly(2026, 12, 5), statement.Credits[1].BookedOn);
        Assert.Equal(1, statement.SkippedRecords);
        Assert.Equal([2, 4], statement.Credits.Select(c => c.RecordNumber));
    }

    [Fact]
    public void AUtf8StatementWithABomReadsTheSame()
    {
        var sjis = CsvStatementReader.Parse(ZenginFile.ShiftJis.GetBytes(Statement), Options);
        var utf8 = CsvStatementReader.Parse([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Statement)], Options);

        Assert.Equal(sjis.Credits.Select(c => c.IdentityKey), utf8.Credits.Select(c => c.IdentityKey));
        Assert.Equal(sjis.Credits.Select(c => c.PayerName), utf8.Credits.Select(c => c.PayerName));
    }

    [Fact]
    public void ColumnsAreMappedInConfigurationByNameOrPosition()
    {
        const string noHeader = "20261204;ﾀﾅｶ ｹﾝ;3000;A-991\n";
        var options = new CsvStatementOptions
        {
            HasHeader = false, Separator = ";", DateColumn = "1", PayerColumn = "2", AmountColumn = "3", SequenceColumn = "4",
        };

        var credit = Assert.Single(CsvStatementReader.Parse(Encoding.UTF8.GetBytes(noHeader), options).Credits);

        Assert.Equal(3_000, credit.AmountYen);
        Assert.Equal("A-991", credit.Sequence);
        Assert.Equal(new DateOnly(2026, 12, 4), credit.BookedOn);
    }

    [Fact]
    public void AnOverlappingStatementGivesTheSameIdentitiesForTheSameEntries()
    {
        const string later =
            "日付,摘要,お支払金額,お預り金額,残高\r\n" +
            "2026/12/05,ｻﾄｳ ｼﾞﾛｳ,,２０００,\"5,002,560\"\r\n" +
            "2026/12/06,ﾀﾅｶ ｹﾝ,,1000,\"5,003,560\"\r\n";

        var first = CsvStatementReader.Parse(ZenginFile.ShiftJis.GetBytes(Statement), Options).Credits.Select(c => c.IdentityKey);
        var second = CsvStatementReader.Parse(ZenginFile.ShiftJis.GetBytes(later), Options).Credits.Select(c => c.IdentityKey).ToArray();

        Assert.Equal([second[0]], first.Intersect(second));
    }

    [Fact]
    public void TwoIdenticalCreditsOnOneDayStayTwo()
    {
        const string twice = "日付,摘要,お支払金額,お預り金額,残高\r\n2026/12/04,ﾀﾅｶ ｹﾝ,,1000,1\r\n2026/12/04,ﾀﾅｶ ｹﾝ,,1000,2\r\n";

        var keys = CsvStatementReader.Parse(Encoding.UTF8.GetBytes(twice), Options).Credits.Select(c => c.IdentityKey).ToArray();

        Assert.Equal(2, keys.Distinct().Count());
    }

    [Fact]
    public void ABadDateRefusesTheWholeFileNamingTheRow()
    {
        var bad = Statement.Replace("2026/12/05", "12月5日", StringComparison.Ordinal);

        var ex = Assert.Throws<BankFileException>(() => CsvStatementReader.Parse(Encoding.UTF8.GetBytes(bad), Options));

        Assert.Equal("csv.date", ex.Code);
        Assert.StartsWith("4行目:", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingColumnNamesTheSetting()
    {
        var ex = Assert.Throws<BankFileException>(() =>
            CsvStatementReader.Parse(Encoding.UTF8.GetBytes(Statement), new CsvStatementOptions { AmountColumn = "入金額" }));

        Assert.Equal("csv.column", ex.Code);
        Assert.Contains("Fees:BankFiles:Csv", ex.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNeitherShiftJisNorUtf8IsRefusedSayingSo()
    {
        byte[] garbage = [0x93, 0xFA, 0x95, 0x74, 0x2C, 0xFF, 0xFE, 0x0D, 0x0A];

        var ex = Assert.Throws<BankFileException>(() => CsvStatementReader.Parse(garbage, Options));

        Assert.Equal("csv.notShiftJis", ex.Code);
        Assert.Contains("Shift_JIS でも UTF-8 でもありません", ex.Japanese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,000", 1_000L)]
    [InlineData("￥1,000", 1_000L)]
    [InlineData("1000円", 1_000L)]
    [InlineData("１，０００", 1_000L)]
    [InlineData("-1000", null)]
    [InlineData("10.5", null)]
    public void Amounts(string text, long? yen) => Assert.Equal(yen, CsvStatementReader.ParseAmount(text));
}
