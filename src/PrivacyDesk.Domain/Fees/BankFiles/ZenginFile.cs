using System.Globalization;
using System.Text;

namespace PrivacyDesk.Domain.Fees.BankFiles;

/// <summary>How a bank writes the YYMMDD dates of its Zengin files: banks differ.</summary>
public enum ZenginDateEra
{
    /// <summary>西暦 (YY = 2000 + YY).</summary>
    Western = 1,

    /// <summary>和暦 in the 令和 era (YY = 令和YY年).</summary>
    Reiwa = 2,
}

/// <summary>
/// Reads the bank's Zengin (全銀協) files: 振込入金通知 (種別コード 01) and 入出金取引明細 (種別コード 03). Both are fixed
/// 200-byte records in Shift_JIS (half-width kana), with or without line breaks between records: 1 header, 2 data,
/// 8 trailer, 9 end; a file may hold several header…trailer groups (one per account) before its end record.
/// The file is checked whole before anything is returned: a fault anywhere refuses all of it, with the number of the
/// record and the byte position of the first fault, so that nothing is ever half-imported.
/// Field positions (1-based, as the published layouts give them) are in the tables below.
/// </summary>
public static class ZenginFile
{
    public const int RecordLength = 200;

    private const byte Cr = 0x0D;
    private const byte Lf = 0x0A;
    private const byte EndOfFile = 0x1A;

    /// <summary>
    /// Shift_JIS as Windows writes it (code page 932), refusing what it cannot decode rather than guessing. Code page 932
    /// comes from the runtime's code-pages provider, which must be registered once.
    /// </summary>
    public static Encoding ShiftJis
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    /// <summary>Whether the content starts like a Zengin file (a header record 1 with 種別コード 01 or 03).</summary>
    public static bool LooksLikeZengin(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'1' && content[1] == (byte)'0' && content[2] is (byte)'1' or (byte)'3';

    public static BankStatement Parse(ReadOnlySpan<byte> content, ZenginDateEra era = ZenginDateEra.Western)
    {
        if (content.IsEmpty)
        {
            throw new BankFileException("zengin.empty", "ファイルが空です。", "The file is empty.");
        }

        var encoding = ShiftJis;
        EnsureShiftJis(content);

        var credits = new List<BankCredit>();
        var skipped = 0;
        var format = (BankFileFormat?)null;
        var state = Expect.Header;
        Group? group = null;
        var recordNumber = 0;
        var position = 0;
        var lastRecordStart = 0;

        while (true)
        {
            while (position < content.Length && content[position] is Cr or Lf)
            {
                position++;
            }

            // A DOS end-of-file mark may close the file.
            if (position >= content.Length || (content[position] == EndOfFile && position == content.Length - 1))
            {
                break;
            }

            recordNumber++;
            var start = position;
            lastRecordStart = start;
            var available = Math.Min(RecordLength, content.Length - start);
            var lineBreak = content.Slice(start, available).IndexOfAny(Cr, Lf);
            if (lineBreak >= 0 || available < RecordLength)
            {
                var length = lineBreak >= 0 ? lineBreak : available;
                throw new BankFileException("zengin.truncated",
                    $"レコードが{length}バイトしかありません（{RecordLength}バイト必要です）。ファイルが途中で切れているか、形式が違います。",
                    $"The record has only {length} bytes ({RecordLength} are needed). The file is cut short or in another format.",
                    recordNumber, start + length + 1);
            }

            var record = new Record(content.Slice(start, RecordLength), recordNumber, start, encoding);
            position += RecordLength;

            switch ((char)record.Kind, state)
            {
                case ('1', Expect.Header or Expect.HeaderOrEnd):
                    var code = record.Text(2, 2);
                    var headerFormat = code switch
                    {
                        "01" => BankFileFormat.ZenginTransferNotice,
                        "03" => BankFileFormat.ZenginAccountStatement,
                        _ => throw record.Fault(2, "zengin.typeCode",
                            $"種別コード「{code}」には対応していません（01 振込入金通知、03 入出金取引明細に対応しています）。",
                            $"Type code \"{code}\" is not supported (01 transfer notice and 03 account statement are)."),
                    };
                    if (format is not null && format != headerFormat)
                    {
                        throw record.Fault(2, "zengin.mixedTypes", "一つのファイルに種別の異なるデータがあります。", "The file mixes record types.");
                    }

                    if (record.Text(4, 1) != "0")
                    {
                        throw record.Fault(4, "zengin.codeType", "コード区分が JIS（0）ではありません。", "The code type is not JIS (0).");
                    }

                    format = headerFormat;
                    group = new Group(headerFormat == BankFileFormat.ZenginTransferNotice
                        ? AccountKey(record.Digits(23, 4), record.Digits(42, 3), record.Digits(63, 1), record.Digits(64, 7))
                        : AccountKey(record.Digits(23, 4), record.Digits(42, 3), record.Digits(63, 1), record.Digits(64, 10)));
                    state = Expect.DataOrTrailer;
                    break;

                case ('2', Expect.DataOrTrailer):
                    if (format == BankFileFormat.ZenginTransferNotice)
                    {
                        ReadTransferNotice(record, group!, era, credits, ref skipped);
                    }
                    else
                    {
                        ReadStatementLine(record, group!, era, credits, ref skipped);
                    }

                    break;

                case ('8', Expect.DataOrTrailer):
                    CheckTrailer(record, format!.Value, group!);
                    state = Expect.HeaderOrEnd;
                    break;

                case ('9', Expect.HeaderOrEnd):
                    state = Expect.Nothing;
                    break;

                default:
                    throw record.Fault(1, "zengin.sequence",
                        $"データ区分「{(char)record.Kind}」のレコードはここには置けません（{Expected(state, japanese: true)}）。",
                        $"A record of kind \"{(char)record.Kind}\" cannot come here ({Expected(state, japanese: false)}).");
            }
        }

        if (state != Expect.Nothing)
        {
            throw new BankFileException("zengin.noEnd",
                $"ファイルが途中で終わっています（{Expected(state, japanese: true)}）。",
                $"The file ends too early ({Expected(state, japanese: false)}).",
                Math.Max(recordNumber, 1), recordNumber == 0 ? 1 : lastRecordStart + 1);
        }

        return new BankStatement(format!.Value, credits, skipped);
    }

    /// <summary>
    /// 振込入金通知, data record: 照会番号 N6 at 2–7, 勘定日 N6 at 8–13, 金額 N10 at 20–29, 振込依頼人コード N10 at 40–49,
    /// 振込依頼人名 C48 at 50–97, 取消区分 C1 at 128 (1 = a cancelled notice).
    /// </summary>
    private static void ReadTransferNotice(Record record, Group group, ZenginDateEra era, List<BankCredit> credits, ref int skipped)
    {
        var sequence = record.Digits(2, 6);
        var bookedOn = record.Date(8, era);
        var amount = record.Number(20, 10);
        var name = record.Text(50, 48);
        var cancelled = record.Text(128, 1) == "1";
        if (cancelled)
        {
            group.CancelledCount++;
            group.CancelledTotal += amount;
            skipped++;
            return;
        }

        group.CreditCount++;
        group.CreditTotal += amount;
        credits.Add(new BankCredit(group.AccountKey, bookedOn, Sequence(sequence), amount, name, record.Number1));
    }

    /// <summary>
    /// 入出金取引明細, data record: 照会番号 N8 at 2–9, 勘定日 N6 at 10–15, 入払区分 N1 at 22 (1 入金, 2 出金),
    /// 取引区分 N2 at 23–24, 取引金額 N12 at 25–36, 振込依頼人名 C48 at 82–129.
    /// </summary>
    private static void ReadStatementLine(Record record, Group group, ZenginDateEra era, List<BankCredit> credits, ref int skipped)
    {
        var sequence = record.Digits(2, 8);
        var bookedOn = record.Date(10, era);
        var direction = record.Text(22, 1);
        var amount = record.Number(25, 12);
        switch (direction)
        {
            case "1":
                group.CreditCount++;
                group.CreditTotal += amount;
                credits.Add(new BankCredit(group.AccountKey, bookedOn, Sequence(sequence), amount, record.Text(82, 48), record.Number1));
                break;
            case "2":
                group.DebitCount++;
                group.DebitTotal += amount;
                skipped++;
                break;
            default:
                throw record.Fault(22, "zengin.direction",
                    $"入払区分「{direction}」が 1（入金）でも 2（出金）でもありません。",
                    $"The in/out flag \"{direction}\" is neither 1 (in) nor 2 (out).");
        }
    }

    /// <summary>
    /// 01 trailer: 振込件数 N6 at 2–7, 振込金額合計 N12 at 8–19, 取消件数 N6 at 20–25, 取消金額合計 N12 at 26–37.
    /// 03 trailer: 入金件数 N6 at 2–7, 入金額合計 N13 at 8–20, 出金件数 N6 at 21–26, 出金額合計 N13 at 27–39.
    /// </summary>
    private static void CheckTrailer(Record record, BankFileFormat format, Group group)
    {
        if (format == BankFileFormat.ZenginTransferNotice)
        {
            Agree(record, 2, 6, group.CreditCount, "振込件数", "transfer count");
            Agree(record, 8, 12, group.CreditTotal, "振込金額合計", "transfer total");
            Agree(record, 20, 6, group.CancelledCount, "取消件数", "cancellation count");
            Agree(record, 26, 12, group.CancelledTotal, "取消金額合計", "cancellation total");
        }
        else
        {
            Agree(record, 2, 6, group.CreditCount, "入金件数", "credit count");
            Agree(record, 8, 13, group.CreditTotal, "入金額合計", "credit total");
            Agree(record, 21, 6, group.DebitCount, "出金件数", "debit count");
            Agree(record, 27, 13, group.DebitTotal, "出金額合計", "debit total");
        }
    }

    private static void Agree(Record record, int at, int length, long counted, string japanese, string english)
    {
        var stated = record.Number(at, length);
        if (stated != counted)
        {
            throw record.Fault(at, "zengin.trailer",
                string.Create(CultureInfo.InvariantCulture, $"トレーラ・レコードの{japanese}（{stated:N0}）がデータ・レコードの合計（{counted:N0}）と一致しません。"),
                string.Create(CultureInfo.InvariantCulture, $"The trailer's {english} ({stated:N0}) does not agree with the data records ({counted:N0})."));
        }
    }

    /// <summary>
    /// Refuses a file that is not Shift_JIS: a Unicode byte-order mark, text that is valid UTF-8 with multi-byte
    /// characters (a Shift_JIS bank file holds half-width kana, which are never valid UTF-8 sequences in practice), or a
    /// byte sequence that code page 932 cannot decode.
    /// </summary>
    private static void EnsureShiftJis(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ||
            content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || IsUtf8WithMultiByte(content))
        {
            throw NotShiftJis("UTF-8/UTF-16", null, null);
        }

        var bad = FirstNonShiftJisByte(content);
        if (bad >= 0)
        {
            // Line breaks between records are not counted in the record number (a record is 200 bytes without them).
            var recordBytes = content[..bad].ToArray().Count(b => b is not (Cr or Lf));
            throw NotShiftJis(null, 1 + (recordBytes / RecordLength), bad + 1L);
        }
    }

    /// <summary>
    /// The index of the first byte that is not Shift_JIS (code page 932), or -1. 0x80, 0xA0 and 0xFD–0xFF are no
    /// Shift_JIS character, though code page 932 maps them to private-use ones; a lead byte needs a valid trail byte.
    /// </summary>
    public static int FirstNonShiftJisByte(ReadOnlySpan<byte> content)
    {
        var encoding = ShiftJis;
        for (var i = 0; i < content.Length;)
        {
            var b = content[i];
            var width = b is (>= 0x81 and <= 0x9F) or (>= 0xE0 and <= 0xFC) ? 2 : 1;
            if (b is 0x80 or 0xA0 or >= 0xFD || i + width > content.Length || !Decodes(encoding, content.Slice(i, width)))
            {
                return i;
            }

            i += width;
        }

        return -1;
    }

    private static BankFileException NotShiftJis(string? detected, int? record, long? position) => new(
        "zengin.notShiftJis",
        detected is null
            ? "Shift_JIS として読めないバイトがあります。全銀協形式のファイルは Shift_JIS（半角カナ）でなければなりません。"
            : $"このファイルは Shift_JIS ではありません（{detected} のようです）。全銀協形式のファイルは Shift_JIS（半角カナ）でなければなりません。",
        detected is null
            ? "The file has bytes that are not Shift_JIS. Zengin files must be in Shift_JIS (half-width kana)."
            : $"The file is not Shift_JIS (it looks like {detected}). Zengin files must be in Shift_JIS (half-width kana).",
        record, position);

    private static bool Decodes(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsUtf8WithMultiByte(ReadOnlySpan<byte> content)
    {
        var multiByte = false;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] >= 0x80)
            {
                multiByte = true;
                break;
            }
        }

        return multiByte && System.Text.Unicode.Utf8.IsValid(content);
    }

    private static string AccountKey(string bank, string branch, string type, string number) =>
        $"{bank}-{branch}-{type}-{Sequence(number)}";

    private static string Sequence(string digits) => digits.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";

    private static string Expected(Expect state, bool japanese) => (state, japanese) switch
    {
        (Expect.Header, true) => "最初はヘッダー・レコード（1）です",
        (Expect.Header, false) => "a header record (1) comes first",
        (Expect.DataOrTrailer, true) => "データ・レコード（2）かトレーラ・レコード（8）が必要です",
        (Expect.DataOrTrailer, false) => "a data record (2) or a trailer record (8) is needed",
        (Expect.HeaderOrEnd, true) => "ヘッダー・レコード（1）かエンド・レコード（9）が必要です",
        (Expect.HeaderOrEnd, false) => "a header record (1) or an end record (9) is needed",
        (_, true) => "エンド・レコード（9）の後には何も置けません",
        _ => "nothing may follow the end record (9)",
    };

    private enum Expect
    {
        Header,
        DataOrTrailer,
        HeaderOrEnd,
        Nothing,
    }

    private sealed class Group(string accountKey)
    {
        public string AccountKey { get; } = accountKey;
        public long CreditCount { get; set; }
        public long CreditTotal { get; set; }
        public long DebitCount { get; set; }
        public long DebitTotal { get; set; }
        public long CancelledCount { get; set; }
        public long CancelledTotal { get; set; }
    }

    /// <summary>One 200-byte record; field positions are 1-based as in the published layouts.</summary>
    private readonly ref struct Record(ReadOnlySpan<byte> bytes, int number, int start, Encoding encoding)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;

        public int Number1 { get; } = number;

        public byte Kind => bytes[0];

        public string Text(int at, int length)
        {
            try
            {
                return encoding.GetString(bytes.Slice(at - 1, length)).TrimEnd(' ', '\u3000');
            }
            catch (DecoderFallbackException)
            {
                // A double-byte character cut by the field's edge (the file as a whole decoded): the layout is wrong here.
                throw Fault(at, "zengin.field", "項目の区切りで文字が分断されています。", "A character is split by a field boundary.");
            }
        }

        public string Digits(int at, int length)
        {
            var field = bytes.Slice(at - 1, length);
            for (var i = 0; i < field.Length; i++)
            {
                if (!char.IsAsciiDigit((char)field[i]))
                {
                    throw Fault(at + i, "zengin.numeric",
                        $"数字の項目（{at}〜{at + length - 1}バイト目）に数字以外の文字があります。",
                        $"The numeric field at bytes {at}–{at + length - 1} holds something other than digits.");
                }
            }

            return Encoding.ASCII.GetString(field);
        }

        public long Number(int at, int length) => long.Parse(Digits(at, length), NumberStyles.None, CultureInfo.InvariantCulture);

        public DateOnly Date(int at, ZenginDateEra era)
        {
            var text = Digits(at, 6);
            var yy = int.Parse(text[..2], CultureInfo.InvariantCulture);
            var year = era == ZenginDateEra.Reiwa ? 2018 + yy : 2000 + yy;
            if (!DateOnly.TryParseExact(string.Create(CultureInfo.InvariantCulture, $"{year:D4}{text[2..]}"), "yyyyMMdd",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Fault(at, "zengin.date", $"日付「{text}」が正しくありません。", $"The date \"{text}\" is not valid.");
            }

            return date;
        }

        public BankFileException Fault(int at, string code, string japanese, string english) =>
            new(code, japanese, english, Number1, start + at);
    }
}
