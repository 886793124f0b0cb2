using System.Globalization;
using System.Text;
using PrivacyDesk.Domain.Fees.BankFiles;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// Writes Zengin files byte by byte from the published layouts (振込入金通知 01, 入出金取引明細 03): every record is
/// exactly 200 bytes of Shift_JIS, numbers right-aligned and zero-padded, text left-aligned and space-padded. Totals in
/// the trailer are computed unless a test overrides them. Positions are 1-based, as in the layout tables.
/// (Also compiled into PrivacyDesk.Web.Tests, for the import tests through the page and the command.)
/// </summary>
internal sealed class ZenginFileBuilder
{
    private readonly List<Line> lines = [];
    private readonly string typeCode;

    private ZenginFileBuilder(string typeCode) => this.typeCode = typeCode;

    /// <summary>振込入金通知 (01).</summary>
    public static ZenginFileBuilder TransferNotice() => new("01");

    /// <summary>入出金取引明細 (03).</summary>
    public static ZenginFileBuilder AccountStatement() => new("03");

    public string Account { get; set; } = "1234567";
    public long? TrailerTotalOverride { get; set; }
    public bool LineBreaks { get; set; } = true;

    public ZenginFileBuilder Credit(int sequence, DateOnly bookedOn, long amountYen, string payerName, bool cancelled = false)
    {
        lines.Add(new Line(sequence, bookedOn, amountYen, payerName, In: true, cancelled));
        return this;
    }

    /// <summary>A debit (03 only): counted in the trailer, never a fee.</summary>
    public ZenginFileBuilder Debit(int sequence, DateOnly bookedOn, long amountYen)
    {
        lines.Add(new Line(sequence, bookedOn, amountYen, "ﾃｽｳﾘﾖｳ", In: false, Cancelled: false));
        return this;
    }

    public byte[] Build()
    {
        var records = new List<byte[]> { Header() };
        records.AddRange(lines.Select(typeCode == "01" ? (Func<Line, byte[]>)TransferRecord : StatementRecord));
        records.Add(Trailer());
        records.Add(End());
        var separator = LineBreaks ? "\r\n"u8.ToArray() : [];
        return [.. records.SelectMany(r => r.Concat(separator))];
    }

    /// <summary>The records as built, for tests that cut or damage one.</summary>
    public static byte[] Record(byte[] file, int number, bool lineBreaks = true)
    {
        var stride = ZenginFile.RecordLength + (lineBreaks ? 2 : 0);
        return file.AsSpan((number - 1) * stride, ZenginFile.RecordLength).ToArray();
    }

    private byte[] Header()
    {
        var r = Blank();
        Put(r, 1, "1");
        Put(r, 2, typeCode);
        Put(r, 4, "0");
        Put(r, 5, "261204");
        Put(r, 11, "261204");
        Put(r, 17, "261204");
        Put(r, 23, "0005");
        Put(r, 27, "ﾐﾂﾋﾞｼﾕｰｴﾌｼﾞｪｲ", 15);
        Put(r, 42, "123");
        Put(r, 45, "ｼﾝｼﾞﾕｸ", 15);
        Put(r, 63, "1");
        if (typeCode == "01")
        {
            Put(r, 64, Number(long.Parse(Account, CultureInfo.InvariantCulture), 7));
            Put(r, 71, "ｾｲｶﾂｸﾗﾌﾞｼﾞｷﾞﾖｳﾚﾝｺﾞｳｶｲ", 40);
        }
        else
        {
            Put(r, 64, Number(long.Parse(Account, CultureInfo.InvariantCulture), 10));
            Put(r, 74, "ｾｲｶﾂｸﾗﾌﾞｼﾞｷﾞﾖｳﾚﾝｺﾞｳｶｲ", 40);
            Put(r, 114, "0");
            Put(r, 115, "1");
            Put(r, 116, Number(5_000_000, 14));
        }

        return r;
    }

    private static byte[] TransferRecord(Line line)
    {
        var r = Blank();
        Put(r, 1, "2");
        Put(r, 2, Number(line.Sequence, 6));
        Put(r, 8, Date(line.BookedOn));
        Put(r, 14, Date(line.BookedOn));
        Put(r, 20, Number(line.AmountYen, 10));
        Put(r, 30, Number(0, 10));
        Put(r, 40, Number(0, 10));
        Put(r, 50, line.PayerName, 48);
        Put(r, 98, "ﾕｳﾁﾖ", 15);
        Put(r, 113, "ｾﾞﾛｲﾁﾊﾁ", 15);
        Put(r, 128, line.Cancelled ? "1" : " ");
        return r;
    }

    private static byte[] StatementRecord(Line line)
    {
        var r = Blank();
        Put(r, 1, "2");
        Put(r, 2, Number(line.Sequence, 8));
        Put(r, 10, Date(line.BookedOn));
        Put(r, 16, Date(line.BookedOn));
        Put(r, 22, line.In ? "1" : "2");
        Put(r, 23, line.In ? "11" : "18");
        Put(r, 25, Number(line.AmountYen, 12));
        Put(r, 37, Number(0, 12));
        Put(r, 49, Number(0, 6));
        Put(r, 55, Number(0, 6));
        Put(r, 61, "0");
        Put(r, 62, Number(0, 7));
        Put(r, 69, Number(0, 3));
        Put(r, 72, Number(0, 10));
        Put(r, 82, line.PayerName, 48);
        return r;
    }

    private byte[] Trailer()
    {
        var r = Blank();
        Put(r, 1, "8");
        var credits = lines.Where(l => l.In && !l.Cancelled).ToArray();
        var total = TrailerTotalOverride ?? credits.Sum(l => l.AmountYen);
        if (typeCode == "01")
        {
            var cancelled = lines.Where(l => l.Cancelled).ToArray();
            Put(r, 2, Number(credits.Length, 6));
            Put(r, 8, Number(total, 12));
            Put(r, 20, Number(cancelled.Length, 6));
            Put(r, 26, Number(cancelled.Sum(l => l.AmountYen), 12));
        }
        else
        {
            var debits = lines.Where(l => !l.In).ToArray();
            Put(r, 2, Number(credits.Length, 6));
            Put(r, 8, Number(total, 13));
            Put(r, 21, Number(debits.Length, 6));
            Put(r, 27, Number(debits.Sum(l => l.AmountYen), 13));
            Put(r, 40, "0");
            Put(r, 41, Number(5_000_000, 14));
            Put(r, 55, Number(lines.Count, 7));
        }

        return r;
    }

    private static byte[] End()
    {
        var r = Blank();
        Put(r, 1, "9");
        return r;
    }

    private static byte[] Blank() => Enumerable.Repeat((byte)' ', ZenginFile.RecordLength).ToArray();

    private static void Put(byte[] record, int at, string text, int? width = null)
    {
        var bytes = ZenginFile.ShiftJis.GetBytes(text);
        if (width is { } w && bytes.Length > w)
        {
            throw new ArgumentException($"\"{text}\" is longer than {w} bytes.", nameof(text));
        }

        bytes.CopyTo(record, at - 1);
    }

    private static string Number(long value, int width) => value.ToString(new string('0', width), CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);

    private sealed record Line(int Sequence, DateOnly BookedOn, long AmountYen, string PayerName, bool In, bool Cancelled);
}
